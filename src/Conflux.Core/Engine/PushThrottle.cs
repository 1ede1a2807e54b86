namespace Conflux.Core.Engine;

/// <summary>Spaces pushes at most <c>rate</c> per second (an SNS throttlePolicy), on the engine's clock.</summary>
internal sealed class PushThrottle(int rate, TimeProvider time)
{
    private readonly long _intervalTicks = TimeSpan.TicksPerSecond / rate;
    private readonly Lock _lock = new();
    private long _nextTicks;

    public async Task WaitAsync(CancellationToken token)
    {
        long wait;
        lock (_lock)
        {
            var now = time.GetUtcNow().UtcTicks;
            var slot = Math.Max(_nextTicks, now);
            _nextTicks = slot + _intervalTicks;
            wait = slot - now;
        }
        if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait), time, token).ConfigureAwait(false);
    }
}
