using System.Diagnostics;
using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

/// <summary>
/// Counts down the copies each publish of sns-fanout still owes: publish i (its sequence number) expects one copy per
/// subscribed queue. Consumers report each copy as they receive it; the one that brings a publish to zero is its last
/// copy. Only publishes started inside the measured window are sampled.
/// </summary>
internal sealed class SnsCopyTracker
{
    private readonly int[] _remaining;
    private readonly long[] _started;
    private readonly bool[] _failed;
    private readonly Window _window;
    private long _duplicates;
    private long _unknown;

    public SnsCopyTracker(int capacity, int queues, Window window)
    {
        _remaining = new int[capacity];
        Array.Fill(_remaining, queues);
        _started = new long[capacity];
        _failed = new bool[capacity];
        _window = window;
    }

    /// <summary>Copies beyond the expected count (SQS may redeliver; should stay zero in a short run).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Copies whose sequence number is outside this run's range.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>Called before the publish is sent: its copies may arrive before its reply does.</summary>
    public void Publishing(long sequence, long started)
    {
        if ((ulong)sequence < (ulong)_started.Length) Volatile.Write(ref _started[sequence], started);
    }

    /// <summary>The publish failed (or its outcome is unknown): it is not waited for, and not sampled.</summary>
    public void Failed(long sequence)
    {
        if ((ulong)sequence < (ulong)_failed.Length) Volatile.Write(ref _failed[sequence], true);
    }

    /// <summary>One copy received at <paramref name="received"/>; records into the consumer's own histograms.</summary>
    public void Copy(long sequence, long stamp, long received, Histogram everyCopy, Histogram lastCopy)
    {
        if ((ulong)sequence >= (ulong)_remaining.Length)
        {
            Interlocked.Increment(ref _unknown);
            return;
        }
        var left = Interlocked.Decrement(ref _remaining[sequence]);
        if (left < 0)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }
        if (!_window.Contains(stamp)) return;
        var micros = Window.Micros(stamp, received);
        everyCopy.Record(micros);
        if (left == 0) lastCopy.Record(micros);
    }

    /// <summary>
    /// Waits until every successful publish started inside the window has all its copies, for at most
    /// <paramref name="limit"/>. Returns the publishes still short of copies then, with their age at that moment (a
    /// lower bound of their last-copy latency) as samples.
    /// </summary>
    public async Task<Histogram> DrainAsync(long fired, TimeSpan limit, CancellationToken cancellation)
    {
        var deadline = Stopwatch.GetTimestamp() + Window.Ticks(limit);
        while (Stopwatch.GetTimestamp() < deadline && !cancellation.IsCancellationRequested && Incomplete(fired, null) > 0)
            await Task.Delay(10, CancellationToken.None);
        var missing = new Histogram();
        Incomplete(fired, missing);
        return missing;
    }

    private int Incomplete(long fired, Histogram? ages)
    {
        var now = Stopwatch.GetTimestamp();
        var count = 0;
        var end = (int)Math.Min(fired, _remaining.Length);
        for (var i = 0; i < end; i++)
        {
            var started = Volatile.Read(ref _started[i]);
            if (!_window.Contains(started) || Volatile.Read(ref _failed[i]) || Volatile.Read(ref _remaining[i]) <= 0) continue;
            count++;
            ages?.Record(Window.Micros(started, now));
        }
        return count;
    }
}
