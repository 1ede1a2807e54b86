namespace Conflux.Aws.Sqs;

/// <summary>The characters SQS accepts in bodies and string attributes.</summary>
internal static class SqsText
{
    /// <summary>The same rules over UTF-8 (already known to be valid UTF-8: the JSON body was checked).</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        // Fast path: printable ASCII (vectorised); otherwise decode and check each scalar.
        var first = utf8.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E);
        if (first < 0) return true;
        var rest = utf8[first..];
        while (!rest.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done) return false;
            var c = rune.Value;
            var ok = c is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
            if (!ok) return false;
            rest = rest[consumed..];
        }
        return true;
    }

    /// <summary>#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF (valid surrogate pairs).</summary>
    public static bool IsValid(string text)
    {
        // Fast path: everything in U+0020..U+D7FF (vectorised); only the rest needs the exact rules.
        var first = text.AsSpan().IndexOfAnyExceptInRange('\u0020', '\ud7ff');
        if (first < 0) return true;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c < 0xD800) continue;
            if (c is '\t' or '\n' or '\r') continue;
            if (c >= 0xE000 && c <= 0xFFFD) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }
}
