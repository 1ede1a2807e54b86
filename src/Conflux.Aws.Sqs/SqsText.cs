namespace Conflux.Aws.Sqs;

/// <summary>The characters SQS accepts in bodies and string attributes.</summary>
internal static class SqsText
{
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
