using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

internal sealed partial class QueueRuntime
{
    private long _lastPurgeMs;

    /// <summary>
    /// Deletes every message, in flight or not, in O(1): storage records a purge mark and the rows are
    /// reclaimed in the background. A second purge within <paramref name="minInterval"/> is refused.
    /// </summary>
    public Task PurgeAsync(TimeSpan minInterval)
    {
        lock (_gate)
        {
            ThrowIfDeleted();
            var now = _engine.NowMs();
            if (_lastPurgeMs > 0 && now - _lastPurgeMs < (long)minInterval.TotalMilliseconds)
                throw new EngineException(EngineError.PurgeInProgress, $"Queue '{Name}' was purged less than {minInterval.TotalSeconds:0} seconds ago.");
            _lastPurgeMs = now;
            foreach (var entry in _entries.Values)
            {
                entry.State = EntryState.Removed;
                entry.TimerVersion++;
            }
            _entries.Clear();
            _ready.Clear();
            _timed.Clear();
            _readyCount = _inFlight = _delayed = 0;
            _memoryBytes = 0;
            _diskOnly = 0;
            _loadedThrough = _lastSeq;
            _purgedThrough = _lastSeq;
            _aheadRemoved = null;
            _attempts = null;
            _generation++;
            return _engine.Committer.Submit(new PurgeOp(EntityId, _lastSeq));
        }
    }

    /// <summary>Rows up to here are logically deleted by a purge; the engine reclaims them in the background.</summary>
    public long PurgedThrough
    {
        get
        {
            lock (_gate) return _purgedThrough;
        }
    }

    /// <summary>How far purged rows have been physically removed (maintained by the engine's reclaimer).</summary>
    public long ReclaimedThrough { get; set; }

    /// <summary>Periodic work: lapsed leases, expiry, dedup and attempt windows, page-in.</summary>
    public void Housekeep(long now, List<Task> commits)
    {
        List<MessageEntry>? deadLetters = null;
        lock (_gate)
        {
            if (_deleted) return;
            var promoted = Promote(now);
            if (promoted > 0) Signal(promoted);
            _dedup.Sweep(now);
            if (_attempts is not null)
                foreach (var (id, record) in _attempts.Where(a => a.Value.ExpiresAtMs <= now).ToList())
                    _attempts.Remove(id);

            var ops = new List<StorageOp>();
            if (_nextExpiryCheckMs != long.MaxValue && now >= _nextExpiryCheckMs) SweepExpired(now, ops, ref deadLetters);
            if (ops.Count > 0) commits.Add(_engine.Committer.Submit(ops));
            MaybeStartPageIn();
        }
        if (deadLetters is not null) commits.Add(_engine.DeadLetterAsync(this, deadLetters, "TTLExpiredException"));
    }

    private void SweepExpired(long now, List<StorageOp> ops, ref List<MessageEntry>? deadLetters)
    {
        var next = long.MaxValue;
        List<MessageEntry>? expired = null;
        foreach (var entry in _entries.Values)
        {
            if (entry.State is not (EntryState.Ready or EntryState.Delayed)) continue;
            var expiry = EntryExpiry(entry);
            if (expiry <= now) (expired ??= []).Add(entry);
            else if (expiry < next) next = expiry;
        }
        if (expired is not null)
            foreach (var entry in expired) Expire(entry, ops, ref deadLetters, inReadySet: true);
        // In-flight messages are checked when they come back; look again no later than a minute from now.
        _nextExpiryCheckMs = Math.Min(next, now + 60_000);
    }

    /// <summary>Removes up to <paramref name="max"/> ready messages in delivery order, for a move task.</summary>
    public List<MessageEntry> TakeForMove(int max, long now)
    {
        var taken = new List<MessageEntry>();
        lock (_gate)
        {
            ThrowIfDeleted();
            Promote(now);
            _ready.BeginTake();
            try
            {
                while (taken.Count < max && _ready.TryTake() is { } entry)
                {
                    // Detach keeps the counts right; the move carries the message's original enqueue time.
                    Detach(entry, inReadySet: false);
                    taken.Add(entry);
                }
            }
            finally
            {
                _ready.EndTake();
            }
            MaybeStartPageIn();
        }
        return taken;
    }

    /// <summary>Puts back entries taken for a move that could not complete.</summary>
    public void Restore(IEnumerable<MessageEntry> entries)
    {
        lock (_gate)
        {
            if (_deleted) return;
            var count = 0;
            foreach (var entry in entries)
            {
                Reattach(entry);
                count++;
            }
            Signal(count);
        }
    }
}
