using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// JSON string escaping the way SNS's serializer (Jackson) does it: only '"', '\' and control characters are escaped
/// (\b \t \n \f \r, else \u00XX with upper-case hex); '/', '&lt;', '&amp;', U+2028 and every non-ASCII character,
/// supplementary ones included, go out as raw UTF-8. System.Text.Json's encoders cannot be told to do exactly this
/// (even the relaxed one escapes surrogate pairs), and subscribers compare bodies and MD5s byte for byte.
/// </summary>
internal static class SnsJsonText
{
    private const int ChunkChars = 4096;

    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    /// <summary>True when <paramref name="value"/> is plain ASCII that goes out byte for byte, unescaped.</summary>
    public static bool IsVerbatimAscii(ReadOnlySpan<char> value) => Ascii.IsValid(value) && !value.ContainsAny(Escaped);

    public static void WriteQuoted(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        WriteByte(output, (byte)'"');
        WriteEscaped(output, value);
        WriteByte(output, (byte)'"');
    }

    public static void WriteEscaped(IBufferWriter<byte> output, ReadOnlySpan<char> value)
    {
        while (true)
        {
            var next = value.IndexOfAny(Escaped);
            if (next < 0)
            {
                WriteUtf8(output, value);
                return;
            }
            WriteUtf8(output, value[..next]);
            WriteEscape(output, value[next]);
            value = value[(next + 1)..];
        }
    }

    public static void WriteByte(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            // Chunked so a 256 KiB message does not ask the writer for one 768 KiB span; a surrogate pair split by the
            // chunk boundary is left unread (isFinalBlock: false) and picked up by the next round.
            var chunk = Math.Min(text.Length, ChunkChars);
            var destination = output.GetSpan(chunk * 3);
            Utf8.FromUtf16(text[..chunk], destination, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: chunk == text.Length);
            output.Advance(written);
            text = text[read..];
        }
    }

    private static void WriteEscape(IBufferWriter<byte> output, char c)
    {
        var span = output.GetSpan(6);
        span[0] = (byte)'\\';
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\b' => (byte)'b',
            '\t' => (byte)'t',
            '\n' => (byte)'n',
            '\f' => (byte)'f',
            '\r' => (byte)'r',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            span[1] = shortForm;
            output.Advance(2);
            return;
        }
        "u00"u8.CopyTo(span[1..]);
        span[4] = (byte)"0123456789ABCDEF"[c >> 4];
        span[5] = (byte)"0123456789ABCDEF"[c & 0xF];
        output.Advance(6);
    }
}
