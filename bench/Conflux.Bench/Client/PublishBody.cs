using System.Buffers;
using System.Buffers.Text;

namespace Conflux.Bench.Client;

/// <summary>
/// A pre-built Publish form whose 1 KiB message starts "{19-digit Stopwatch timestamp}-{10-digit sequence}-", patched
/// in place before each publish, so a consumer (in this process) can tell which publish a copy belongs to and when it
/// started, whether the copy arrives raw or inside a JSON envelope. One instance per request in flight.
/// </summary>
internal sealed class PublishBody(byte[] bytes, int messageOffset)
{
    public const int SequenceLength = 10;
    private const int SequenceOffset = StampedBody.StampLength + 1;
    private static readonly StandardFormat StampDigits = new('D', StampedBody.StampLength);
    private static readonly StandardFormat SequenceDigits = new('D', SequenceLength);

    /// <summary>The message text with a zero stamp and sequence: digits, dashes and filler need no URL encoding.</summary>
    public static string Template { get; } =
        new string('0', StampedBody.StampLength) + "-" + new string('0', SequenceLength) + "-" + new string('m', RequestBodies.MessageBytes - SequenceOffset - SequenceLength - 1);

    public byte[] Bytes { get; } = bytes;

    public void Stamp(long timestamp, long sequence)
    {
        Utf8Formatter.TryFormat(timestamp, Bytes.AsSpan(messageOffset, StampedBody.StampLength), out _, StampDigits);
        Utf8Formatter.TryFormat(sequence, Bytes.AsSpan(messageOffset + SequenceOffset, SequenceLength), out _, SequenceDigits);
    }

    /// <summary>
    /// Reads the stamp and sequence of a received copy: a raw body starts with them; an envelope (Conflux's
    /// "Message" : "…" or moto's "Message": "…") carries them at the start of its Message field. The span is the
    /// SQS reply's Body string as it stands in the JSON, still escaped, so the envelope's quotes appear as \".
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> escapedBody, out long stamp, out long sequence)
    {
        stamp = sequence = 0;
        var text = escapedBody;
        if (text.Length > 0 && text[0] == (byte)'{')
        {
            var key = "\\\"Message\\\""u8;
            var at = text.IndexOf(key);
            if (at < 0) return false;
            text = text[(at + key.Length)..];
            // Past ` : \"` (Conflux, Jackson's spacing) or `: \"` (moto): the digits start within a few bytes.
            var digits = text.IndexOfAnyInRange((byte)'0', (byte)'9');
            if (digits is < 0 or > 8) return false;
            text = text[digits..];
        }
        if (text.Length < SequenceOffset + SequenceLength || text[StampedBody.StampLength] != (byte)'-') return false;
        return Utf8Parser.TryParse(text[..StampedBody.StampLength], out stamp, out var read) && read == StampedBody.StampLength &&
               Utf8Parser.TryParse(text.Slice(SequenceOffset, SequenceLength), out sequence, out read) && read == SequenceLength;
    }
}
