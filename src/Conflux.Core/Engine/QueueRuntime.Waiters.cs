namespace Conflux.Core.Engine;

internal sealed partial class QueueRuntime
{
    /// <summary>Wakes up to <paramref name="count"/> parked receivers. Caller holds the lock.</summary>
    private void Signal(int count)
    {
        while (count > 0 && _waiters.First is { } node)
        {
            _waiters.RemoveFirst();
            if (node.Value.TrySetResult(true)) count--;
        }
    }

    private void WakeAll()
    {
        while (_waiters.First is { } node)
        {
            _waiters.RemoveFirst();
            node.Value.TrySetResult(true);
        }
    }

    /// <summary>
    /// While receivers are parked, keeps one timer set for the earliest delayed or leased message, so a
    /// message that becomes visible wakes a receiver at that moment (no polling).
    /// </summary>
    private void ArmWakeTimer(long now)
    {
        if (_waiters.Count == 0 || !_timed.TryPeek(out _, out var at) || at >= _wakeAtMs) return;
        _wakeAtMs = at;
        _wakeTimer ??= _engine.Time.CreateTimer(static state => ((QueueRuntime)state!).OnWakeTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _wakeTimer.Change(TimeSpan.FromMilliseconds(Math.Max(0, at - now)), Timeout.InfiniteTimeSpan);
    }

    private void OnWakeTimer()
    {
        lock (_gate)
        {
            if (_deleted) return;
            var now = _engine.NowMs();
            _wakeAtMs = long.MaxValue;
            var promoted = Promote(now);
            if (promoted > 0) Signal(promoted);
            ArmWakeTimer(now);
        }
    }
}
