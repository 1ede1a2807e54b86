using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

internal sealed partial class QueueRuntime
{
    /// <summary>
    /// Deletes leased messages. With <paramref name="requireActiveLease"/> only the current, unexpired
    /// lease may delete (SQS FIFO, Service Bus peek-lock); otherwise any lease this message was given
    /// deletes it (SQS standard queues).
    /// </summary>
    public async Task<SettleOutcome[]> DeleteAsync(IReadOnlyList<LeaseToken> leases, bool requireActiveLease)
    {
        var outcomes = new SettleOutcome[leases.Count];
        Task? commit = null;
        var deleted = 0;
        lock (_gate)
        {
            ThrowIfDeleted();
            var now = _engine.NowMs();
            List<StorageOp>? ops = null;
            for (var i = 0; i < leases.Count; i++)
            {
                outcomes[i] = DeleteLocked(leases[i], requireActiveLease, now);
                if (outcomes[i] != SettleOutcome.Deleted) continue;
                (ops ??= []).Add(new DeleteMessageOp(EntityId, leases[i].SequenceNumber));
                deleted++;
            }
            if (ops is not null) commit = _engine.Committer.Submit(ops);
            MaybeStartPageIn();
        }
        if (commit is not null) await commit.ConfigureAwait(false);
        if (deleted > 0) _engine.Metrics.Deleted(Name, deleted);
        return outcomes;
    }

    private SettleOutcome DeleteLocked(LeaseToken lease, bool requireActiveLease, long now)
    {
        var outcome = CheckLease(lease, requireActiveLease, now, out var entry);
        if (outcome == SettleOutcome.Deleted) Detach(entry!, inReadySet: true);
        return outcome;
    }

    /// <summary>Whether <paramref name="lease"/> may settle its message; Deleted means yes.</summary>
    private SettleOutcome CheckLease(LeaseToken lease, bool requireActiveLease, long now, out MessageEntry? entry)
    {
        if (lease.EntityId != EntityId || !_entries.TryGetValue(lease.SequenceNumber, out entry) ||
            entry.State is EntryState.Pending or EntryState.Removed || lease.Token <= 0 || lease.Token > entry.LeaseToken)
        {
            entry = null;
            return SettleOutcome.NotFound;
        }
        if (requireActiveLease)
        {
            if (lease.Token != entry.LeaseToken) return SettleOutcome.StaleLease;
            if (entry.State != EntryState.InFlight || entry.VisibleAtMs <= now) return SettleOutcome.LeaseExpired;
        }
        return SettleOutcome.Deleted;
    }

    /// <summary>Takes out a message whose current, unexpired lease is given, for explicit dead-lettering.</summary>
    public (SettleOutcome Outcome, MessageEntry? Entry) TakeLeased(LeaseToken lease)
    {
        lock (_gate)
        {
            ThrowIfDeleted();
            var outcome = CheckLease(lease, requireActiveLease: true, _engine.NowMs(), out var entry);
            if (outcome != SettleOutcome.Deleted) return (outcome, null);
            Detach(entry!, inReadySet: true);
            return (outcome, entry);
        }
    }

    /// <summary>
    /// Changes how long a leased message stays invisible; zero makes it visible at once. Without
    /// <paramref name="requireActiveLease"/> a lease that ran out may be renewed as long as nobody
    /// received the message since (what SQS standard queues do).
    /// </summary>
    public async Task<VisibilityOutcome[]> ChangeVisibilityAsync(IReadOnlyList<(LeaseToken Lease, TimeSpan Timeout)> changes, bool requireActiveLease)
    {
        var outcomes = new VisibilityOutcome[changes.Count];
        Task? commit = null;
        lock (_gate)
        {
            ThrowIfDeleted();
            var now = _engine.NowMs();
            Promote(now);
            List<StorageOp>? ops = null;
            var madeVisible = 0;
            for (var i = 0; i < changes.Count; i++)
            {
                var (lease, timeout) = changes[i];
                outcomes[i] = ChangeVisibilityLocked(lease, (long)timeout.TotalMilliseconds, requireActiveLease, now, ref madeVisible);
                if (outcomes[i] == VisibilityOutcome.Changed)
                    (ops ??= []).Add(new SetDeliveryOp(EntityId, lease.SequenceNumber, DeliveryOf(_entries[lease.SequenceNumber])));
            }
            if (ops is not null) commit = _engine.Committer.Submit(ops);
            if (madeVisible > 0) Signal(madeVisible);
        }
        if (commit is not null) await commit.ConfigureAwait(false);
        return outcomes;
    }

    private VisibilityOutcome ChangeVisibilityLocked(LeaseToken lease, long timeoutMs, bool requireActiveLease, long now, ref int madeVisible)
    {
        if (lease.EntityId != EntityId || !_entries.TryGetValue(lease.SequenceNumber, out var entry) ||
            entry.State is EntryState.Pending or EntryState.Removed || lease.Token <= 0)
            return VisibilityOutcome.NotFound;
        if (lease.Token != entry.LeaseToken) return VisibilityOutcome.StaleLease;
        var lapsed = entry.State != EntryState.InFlight;
        if (lapsed && (requireActiveLease || entry.State != EntryState.Ready)) return VisibilityOutcome.NotInFlight;
        var leasedAt = lapsed ? now : entry.LeasedAtMs;
        if (now + timeoutMs - leasedAt > (long)_engine.Options.MaxLeaseDuration.TotalMilliseconds)
            return VisibilityOutcome.LimitExceeded;
        if (lapsed)
        {
            if (timeoutMs == 0) return VisibilityOutcome.Changed;
            // Renew a lapsed lease nobody else picked up.
            _ready.Remove(entry);
            _readyCount--;
            entry.LeasedAtMs = now;
            entry.State = EntryState.InFlight;
            _inFlight++;
            _ready.OnLeased(entry);
        }

        if (timeoutMs == 0)
        {
            entry.VisibleAtMs = now;
            entry.TimerVersion++;
            _inFlight--;
            entry.State = EntryState.Ready;
            _readyCount++;
            _ready.Add(entry);
            _ready.OnLeaseEnded(entry);
            madeVisible++;
        }
        else
        {
            entry.VisibleAtMs = now + timeoutMs;
            Schedule(entry);
        }
        return VisibilityOutcome.Changed;
    }
}
