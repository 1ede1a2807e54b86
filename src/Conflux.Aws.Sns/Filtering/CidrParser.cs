namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// Parses a "cidr" pattern with event-ruler's checks, in its order and with its wording; SNS returns these
/// texts without a JSON location because the ruler raises them outside its parser.
/// </summary>
internal static class CidrParser
{
    public static CidrCondition? Parse(string cidr, out string? error)
    {
        error = null;
        var parts = JavaSplitOnSlash(cidr);
        if (parts.Count != 2)
            return Fail("Malformed CIDR, one '/' required", out error);
        if (!TryParseJavaInt(parts[1], out var maskBits))
            return Fail("Malformed CIDR, mask bits must be an integer", out error);
        if (maskBits < 0)
            return Fail("Malformed CIDR, mask bits must not be negative", out error);

        Span<byte> buffer = stackalloc byte[IpText.MaxBytes];
        var ip = parts[0];
        if (!IpText.LooksLikeIp(ip))
            return Fail("Nonstandard IP address: " + ip, out error);
        if (!IpText.TryParse(ip, buffer, out var length))
            return Fail("Invalid IP address: " + ip, out error);
        if (length == 4 && maskBits > 31)
            return Fail("IPv4 mask bits must be < 32", out error);
        if (length == IpText.MaxBytes && maskBits > 127)
            return Fail("IPv6 mask bits must be < 128", out error);

        var bottom = buffer[..length].ToArray();
        return new CidrCondition(bottom, TopOf(bottom, maskBits));
    }

    // The ruler sets the host bits on top of the given address without clearing them below, so
    // "10.0.0.5/24" spans 10.0.0.5 to 10.0.0.255; kept as is to match what SNS delivers.
    private static byte[] TopOf(byte[] bottom, int maskBits)
    {
        var top = new byte[bottom.Length];
        var hostBits = bottom.Length * 8 - maskBits;
        for (var i = bottom.Length - 1; i >= 0; i--)
        {
            top[i] = hostBits >= 8 ? (byte)0xff
                : hostBits <= 0 ? bottom[i]
                : (byte)(bottom[i] | ((1 << hostBits) - 1));
            hostBits -= 8;
        }
        return top;
    }

    private static CidrCondition? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    /// <summary>Java's String.split("/"): trailing empty parts are dropped, leading ones kept.</summary>
    private static List<string> JavaSplitOnSlash(string text)
    {
        var parts = new List<string>(text.Split('/'));
        while (parts.Count > 0 && parts[^1].Length == 0)
            parts.RemoveAt(parts.Count - 1);
        if (parts.Count == 0 && !text.Contains('/', StringComparison.Ordinal))
            parts.Add(text);
        return parts;
    }

    /// <summary>Java's Integer.parseInt: an optional sign, then ASCII digits, no overflow.</summary>
    private static bool TryParseJavaInt(string text, out int value)
    {
        value = 0;
        var start = text.Length > 0 && (text[0] == '+' || text[0] == '-') ? 1 : 0;
        if (text.Length == start)
            return false;
        long magnitude = 0;
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
            magnitude = magnitude * 10 + (text[i] - '0');
            if (magnitude > (long)int.MaxValue + 1)
                return false;
        }
        var signed = text[0] == '-' ? -magnitude : magnitude;
        if (signed > int.MaxValue)
            return false;
        value = (int)signed;
        return true;
    }
}
