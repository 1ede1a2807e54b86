using System.Globalization;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// The Timestamp field format ("2012-05-02T00:54:06.655Z"): UTC, milliseconds truncated. The signed string and the
/// envelope must use the same text, so both go through here.
/// </summary>
internal static class SnsTimestamp
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public const int Length = 24;

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static int WriteUtf8(DateTimeOffset value, Span<byte> destination)
    {
        if (!value.UtcDateTime.TryFormat(destination, out var written, Format, CultureInfo.InvariantCulture))
            throw new ArgumentException("Destination too small for a timestamp.", nameof(destination));
        return written;
    }
}
