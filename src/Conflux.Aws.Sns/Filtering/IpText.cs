using System.Net;
using System.Net.Sockets;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// IP address literals as event-ruler recognises them: only text shaped like its IPv4 or IPv6 patterns is
/// parsed (so host names are never looked up), and IPv4-mapped IPv6 addresses collapse to IPv4 as Java's
/// InetAddress does.
/// </summary>
internal static class IpText
{
    public const int MaxBytes = 16;

    /// <summary>[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+ or [0-9a-fA-F:]*:[0-9a-fA-F:]*, matched in full.</summary>
    public static bool LooksLikeIp(ReadOnlySpan<char> text) => LooksLikeIPv4(text) || LooksLikeIPv6(text);

    /// <summary>Writes the address bytes (4 or 16) when the text is an IP literal; false otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, Span<byte> destination, out int length)
    {
        length = 0;
        if (LooksLikeIPv4(text))
            return TryParseIPv4(text, destination, out length);
        if (!LooksLikeIPv6(text) || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        Span<byte> bytes = stackalloc byte[MaxBytes];
        if (!address.TryWriteBytes(bytes, out var written) || written != MaxBytes)
            return false;
        if (IsIPv4Mapped(bytes))
        {
            bytes[12..].CopyTo(destination);
            length = 4;
            return true;
        }
        bytes.CopyTo(destination);
        length = MaxBytes;
        return true;
    }

    private static bool LooksLikeIPv4(ReadOnlySpan<char> text)
    {
        int parts = 0, digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
                continue;
            }
            if (c != '.' || digits == 0)
                return false;
            parts++;
            digits = 0;
        }
        return parts == 3 && digits > 0;
    }

    private static bool LooksLikeIPv6(ReadOnlySpan<char> text)
    {
        var colon = false;
        foreach (var c in text)
        {
            if (c == ':')
                colon = true;
            else if (!char.IsAsciiHexDigit(c))
                return false;
        }
        return colon;
    }

    // Java reads each part as a decimal number of any length, leading zeros included.
    private static bool TryParseIPv4(ReadOnlySpan<char> text, Span<byte> destination, out int length)
    {
        length = 0;
        int part = 0, value = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                destination[part++] = (byte)value;
                value = 0;
                continue;
            }
            value = value * 10 + (c - '0');
            if (value > 255)
                return false;
        }
        destination[part] = (byte)value;
        length = 4;
        return true;
    }

    private static bool IsIPv4Mapped(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < 10; i++)
        {
            if (bytes[i] != 0)
                return false;
        }
        return bytes[10] == 0xff && bytes[11] == 0xff;
    }
}
