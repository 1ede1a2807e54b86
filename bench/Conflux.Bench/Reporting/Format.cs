using System.Globalization;

namespace Conflux.Bench.Reporting;

internal static class Format
{
    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Microseconds as milliseconds with enough digits for sub-millisecond figures.</summary>
    public static string Millis(double micros) => micros <= 0 ? "–" : (micros / 1000).ToString(micros < 10_000 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string Ratio(double? ratio) => ratio is { } r && double.IsFinite(r) ? r.ToString(r >= 10 ? "0" : r >= 0.1 ? "0.00" : "G2", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Percent(double? ratio) => ratio is { } r && double.IsFinite(r) ? (r * 100).ToString(r >= 0.1 ? "0" : "G2", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        >= 1L << 30 => (bytes.Value / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GiB",
        _ => (bytes.Value / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture) + " MiB",
    };
}
