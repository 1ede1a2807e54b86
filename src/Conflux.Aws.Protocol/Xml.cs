using System.Text;

namespace Conflux.Aws.Protocol;

/// <summary>Minimal UTF-8 XML emitter: elements and escaped text, nothing else.</summary>
internal sealed class Xml(PooledBufferWriter? buffer = null)
{
    public PooledBufferWriter Buffer { get; } = buffer ?? new PooledBufferWriter();

    public void Raw(string text)
    {
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    public void Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(Buffer.GetSpan(utf8.Length));
        Buffer.Advance(utf8.Length);
    }

    public void Open(string name) => Raw($"<{name}>");

    public void Close(string name) => Raw($"</{name}>");

    public void Element(string name, string value)
    {
        Open(name);
        Text(value);
        Close(name);
    }

    /// <summary>Escapes markup and carriage returns (so XML parsers do not normalise \r\n away).</summary>
    public void Text(string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var escape = value[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\r' => "&#xD;",
                _ => null,
            };
            if (escape is null) continue;
            if (i > start) Raw(value.AsSpan(start, i - start));
            Raw(escape);
            start = i + 1;
        }
        if (start < value.Length) Raw(value.AsSpan(start));
    }

    /// <summary>The same escaping over UTF-8 bytes; only ASCII needs it, so multi-byte sequences pass through.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            var special = utf8.IndexOfAny("&<>\"\r"u8);
            if (special < 0)
            {
                Raw(utf8);
                return;
            }
            Raw(utf8[..special]);
            Raw(utf8[special] switch
            {
                (byte)'&' => "&amp;",
                (byte)'<' => "&lt;",
                (byte)'>' => "&gt;",
                (byte)'"' => "&quot;",
                _ => "&#xD;",
            });
            utf8 = utf8[(special + 1)..];
        }
    }

    private void Raw(ReadOnlySpan<char> text)
    {
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
