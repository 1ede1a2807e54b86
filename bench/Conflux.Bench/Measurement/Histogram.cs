namespace Conflux.Bench.Measurement;

/// <summary>
/// Log-bucketed latency histogram in microseconds (HdrHistogram's idea, minus the precision knobs):
/// exact below 64 µs, then 32 sub-buckets per power of two, so any percentile is within ~3%.
/// Not thread-safe: each worker records into its own and they are merged at the end.
/// </summary>
internal sealed class Histogram
{
    private const int Linear = 64;
    private const int SubBits = 5;
    private const int SubBuckets = 1 << SubBits;
    private const int LinearExponent = 6; // log2(Linear)
    private readonly long[] _counts = new long[Linear + ((63 - LinearExponent) * SubBuckets)];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public double Sum { get; private set; }

    public void Record(long micros)
    {
        if (micros < 0) micros = 0;
        _counts[Index(micros)]++;
        Count++;
        Sum += micros;
        if (micros > Max) Max = micros;
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at or below which <paramref name="percent"/>% of samples fall (bucket midpoint), 0 if empty.</summary>
    public double Percentile(double percent)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(percent / 100.0 * Count);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Min(Midpoint(i), Max);
        }
        return Max;
    }

    private static int Index(long value)
    {
        if (value < Linear) return (int)value;
        var exponent = 63 - long.LeadingZeroCount(value);
        var sub = (int)(value >> (int)(exponent - SubBits)) & (SubBuckets - 1);
        return Linear + ((int)(exponent - LinearExponent) * SubBuckets) + sub;
    }

    private static double Midpoint(int index)
    {
        if (index < Linear) return index;
        var exponent = ((index - Linear) / SubBuckets) + LinearExponent;
        var sub = (index - Linear) % SubBuckets;
        var width = 1L << (exponent - SubBits);
        var low = (1L << exponent) + (sub * width);
        return low + (width / 2.0);
    }
}
