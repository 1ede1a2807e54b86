using System.Diagnostics;

namespace Conflux.Bench.Measurement;

/// <summary>
/// A scenario's timeline: warm-up, then the measured interval. Operations count when they complete
/// inside the interval, so throughput is completions per measured second.
/// </summary>
internal sealed class Window
{
    public Window(TimeSpan warmup, TimeSpan measured)
    {
        Start = Stopwatch.GetTimestamp() + Ticks(warmup);
        End = Start + Ticks(measured);
        Seconds = measured.TotalSeconds;
    }

    public long Start { get; }

    public long End { get; }

    public double Seconds { get; }

    public bool Finished => Stopwatch.GetTimestamp() >= End;

    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;

    public static long Micros(long from, long to) => (to - from) * 1_000_000 / Stopwatch.Frequency;

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
