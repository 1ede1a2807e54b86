using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

internal sealed partial class QueueRuntime
{
    private static readonly ReceivedMessage[] None = [];

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(ReceiveOptions options, CancellationToken cancellationToken)
    {
        var settings = Settings;
        var wait = options.WaitTime ?? settings.ReceiveWaitTime;
        var visibility = (long)(options.VisibilityTimeout ?? settings.VisibilityTimeout).TotalMilliseconds;
        var deadline = _engine.NowMs() + (long)wait.TotalMilliseconds;
        var lastTry = wait <= TimeSpan.Zero;

        while (true)
        {
            IReadOnlyList<ReceivedMessage> results;
            Task? commit = null;
            Waiter? waiter = null;
            List<MessageEntry>? deadLetters = null;
            var now = _engine.NowMs();
            lock (_gate)
            {
                ThrowIfDeleted();
                var ops = new List<StorageOp>();
                results = ReceiveLocked(options, now, visibility, ops, ref deadLetters);
                if (ops.Count > 0) commit = _engine.Committer.Submit(ops);
                if (results.Count == 0 && !lastTry && !_closing && deadline > now)
                {
                    waiter = new Waiter();
                    waiter.Node = _waiters.AddLast(waiter);
                    ArmWakeTimer(now);
                }
                MaybeStartPageIn();
            }

            if (deadLetters is not null) await _engine.DeadLetterAsync(this, deadLetters, "MaxDeliveryCountExceeded").ConfigureAwait(false);
            if (commit is not null) await commit.ConfigureAwait(false);
            if (results.Count > 0)
            {
                _engine.Metrics.Received(Name, results.Count);
                return results;
            }
            if (waiter is null) return None;

            try
            {
                var remaining = TimeSpan.FromMilliseconds(Math.Max(0, deadline - _engine.NowMs()));
                await waiter.Task.WaitAsync(remaining, _engine.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                lastTry = true;
            }
            finally
            {
                lock (_gate)
                {
                    if (waiter.Node?.List is not null) _waiters.Remove(waiter.Node);
                }
            }
            if (_engine.NowMs() >= deadline) lastTry = true;
        }
    }

    private IReadOnlyList<ReceivedMessage> ReceiveLocked(ReceiveOptions options, long now, long visibilityMs, List<StorageOp> ops, ref List<MessageEntry>? deadLetters)
    {
        Promote(now);
        var settings = Settings;
        if (options.AttemptId is { } attemptId && settings.Ordered && TryRepeatAttempt(attemptId, now, out var repeated))
            return repeated;
        if (_inFlight >= settings.MaxInFlight)
        {
            if (settings.Ordered) return None;
            throw new EngineException(EngineError.TooManyInFlight, "Too many messages are in flight.");
        }

        var max = Math.Min(options.MaxMessages, settings.MaxInFlight - _inFlight);
        var policy = settings.DeadLetter;
        var canDeadLetter = policy is not null && _engine.FindQueue(policy.TargetQueue) is not null;
        List<ReceivedMessage>? results = null;
        _ready.BeginTake();
        try
        {
            while ((results?.Count ?? 0) < max && _ready.TryTake() is { } entry)
            {
                _readyCount--;
                if (IsExpired(entry, now))
                {
                    Expire(entry, ops, ref deadLetters, inReadySet: false);
                    continue;
                }
                if (canDeadLetter && entry.DeliveryCount >= policy!.MaxDeliveryCount)
                {
                    // Counted back as ready so Detach's bookkeeping balances; the move happens outside the lock.
                    _readyCount++;
                    Detach(entry, inReadySet: false);
                    (deadLetters ??= []).Add(entry);
                    continue;
                }
                Lease(entry, now, visibilityMs, ops);
                (results ??= []).Add(new ReceivedMessage(
                    entry.Message,
                    new LeaseToken(EntityId, entry.Seq, entry.LeaseToken),
                    entry.DeliveryCount,
                    entry.FirstDeliveredAtMs,
                    entry.VisibleAtMs));
            }
        }
        finally
        {
            _ready.EndTake();
        }

        if (results is null) return None;
        if (options.AttemptId is { } id && settings.Ordered)
        {
            _attempts ??= new(StringComparer.Ordinal);
            _attempts[id] = new AttemptRecord(results, now + (long)_engine.Options.ReceiveAttemptWindow.TotalMilliseconds);
        }
        return results;
    }

    private bool TryRepeatAttempt(string attemptId, long now, out IReadOnlyList<ReceivedMessage> results)
    {
        results = None;
        if (_attempts is null || !_attempts.TryGetValue(attemptId, out var record)) return false;
        if (record.ExpiresAtMs <= now)
        {
            _attempts.Remove(attemptId);
            return false;
        }
        foreach (var received in record.Results)
        {
            if (!_entries.TryGetValue(received.Lease.SequenceNumber, out var entry) ||
                entry.State != EntryState.InFlight || entry.LeaseToken != received.Lease.Token)
            {
                _attempts.Remove(attemptId);
                return false;
            }
        }
        results = record.Results;
        return true;
    }

    private void Lease(MessageEntry entry, long now, long visibilityMs, List<StorageOp> ops)
    {
        entry.DeliveryCount++;
        entry.LeaseToken++;
        if (entry.FirstDeliveredAtMs == 0) entry.FirstDeliveredAtMs = now;
        entry.LeasedAtMs = now;
        entry.VisibleAtMs = now + visibilityMs;
        entry.State = EntryState.InFlight;
        _inFlight++;
        _ready.OnLeased(entry);
        Schedule(entry);
        ops.Add(new SetDeliveryOp(EntityId, entry.Seq, DeliveryOf(entry)));
    }

    private static DeliveryState DeliveryOf(MessageEntry entry) =>
        new(entry.VisibleAtMs, entry.DeliveryCount, entry.LeaseToken, entry.FirstDeliveredAtMs);

    /// <summary>Removes an expired entry, dead-lettering it when the queue asks for that.</summary>
    private void Expire(MessageEntry entry, List<StorageOp> ops, ref List<MessageEntry>? deadLetters, bool inReadySet)
    {
        if (!inReadySet && entry.State == EntryState.Ready) _readyCount++;
        Detach(entry, inReadySet);
        var policy = Settings.DeadLetter;
        if (Settings.DeadLetterOnExpiry && policy is not null && _engine.FindQueue(policy.TargetQueue) is not null)
        {
            (deadLetters ??= []).Add(entry);
            return;
        }
        ops.Add(new DeleteMessageOp(EntityId, entry.Seq));
        _engine.Metrics.Expired(Name);
    }

    /// <summary>Moves every entry whose time has come from the timer heap to the ready set.</summary>
    private int Promote(long now)
    {
        var promoted = 0;
        while (_timed.TryPeek(out var item, out var at) && at <= now)
        {
            _timed.Dequeue();
            var entry = item.Entry;
            if (entry.TimerVersion != item.Version) continue;
            if (entry.State == EntryState.Delayed)
            {
                _delayed--;
            }
            else if (entry.State == EntryState.InFlight)
            {
                _inFlight--;
            }
            else
            {
                continue;
            }
            var wasInFlight = entry.State == EntryState.InFlight;
            entry.State = EntryState.Ready;
            _readyCount++;
            _ready.Add(entry);
            if (wasInFlight) _ready.OnLeaseEnded(entry);
            promoted++;
        }
        if (_timed.Count > 1024 && _timed.Count > 4 * (_inFlight + _delayed)) CompactTimers();
        return promoted;
    }

    /// <summary>Drops stale heap items (leases that ended early) once they dominate the heap.</summary>
    private void CompactTimers()
    {
        var live = new List<((MessageEntry, int), long)>(_inFlight + _delayed);
        while (_timed.TryDequeue(out var item, out var at))
            if (item.Entry.TimerVersion == item.Version && item.Entry.State is EntryState.InFlight or EntryState.Delayed)
                live.Add((item, at));
        _timed.EnqueueRange(live);
    }
}
