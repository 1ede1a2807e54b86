using System.Text;

namespace Conflux.Bench.Client;

/// <summary>Just enough reading of SNS XML replies: one element's text.</summary>
internal static class SnsReply
{
    /// <summary>Whether a Publish reply carries a MessageId (the success shape).</summary>
    public static bool HasMessageId(ReadOnlySpan<byte> reply) => reply.IndexOf("<MessageId>"u8) >= 0;

    /// <summary>The text of the first &lt;name&gt; element, or null (no entity decoding: ARNs need none).</summary>
    public static string? Element(ReadOnlySpan<byte> reply, string name)
    {
        var open = Encoding.ASCII.GetBytes($"<{name}>");
        var at = reply.IndexOf(open);
        if (at < 0) return null;
        var rest = reply[(at + open.Length)..];
        var end = rest.IndexOf((byte)'<');
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }
}
