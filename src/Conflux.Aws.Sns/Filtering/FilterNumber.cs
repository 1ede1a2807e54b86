using System.Globalization;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// Numbers as SNS filter policies compare them: within ±10^9 and only to five decimal places, so values
/// are reduced to whole "ticks" of 10^-5 and compared as integers (the way event-ruler compares its
/// fixed-width number strings: truncated toward the lower tick).
/// </summary>
internal static class FilterNumber
{
    public const double Limit = 1e9;
    public const long TicksPerUnit = 100_000;
    public const long MaxTicks = 100_000_000_000_000;
    public const long MinTicks = -MaxTicks;

    /// <summary>Worded like event-ruler's ComparableNumber, with the bounds the SNS documentation gives.</summary>
    public const string RangeError = "Value must be between -1.0E9 and 1.0E9, inclusive";

    /// <summary>Java's Double.parseDouble on a JSON number: overflow becomes infinity rather than an error.</summary>
    public static double ToDouble(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    public static bool InRange(double value) => value is >= -Limit and <= Limit;

    public static bool TryGetTicks(ReadOnlySpan<char> text, out long ticks)
    {
        ticks = 0;
        if (!InRange(ToDouble(text)))
            return false;
        // decimal keeps the policy's digits exact where double would round 0.1 + 0.2 style values.
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
            return false;
        ticks = (long)decimal.Floor(exact * TicksPerUnit);
        return true;
    }
}
