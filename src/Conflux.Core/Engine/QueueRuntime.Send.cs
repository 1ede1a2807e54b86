using System.Security.Cryptography;
using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

internal sealed partial class QueueRuntime
{
    public async Task<SendResult[]> SendAsync(IReadOnlyList<MessageDraft> drafts)
    {
        var results = new SendResult[drafts.Count];
        var ops = new List<StorageOp>(drafts.Count * 2);
        List<MessageEntry>? pending = null;
        Task commit;
        var accepted = 0;
        var now = _engine.NowMs();
        lock (_gate)
        {
            ThrowIfDeleted();
            var settings = Settings;
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                if (settings.Ordered && string.IsNullOrEmpty(draft.GroupId))
                    throw new EngineException(EngineError.GroupIdRequired, "A message group id is required for this queue.");
                string? dedupId = draft.DeduplicationId;
                string? dedupKey = null;
                if (settings.RequiresDeduplication)
                {
                    if (dedupId is null && settings.ContentBasedDeduplication)
                        dedupId = Convert.ToHexStringLower(SHA256.HashData(draft.Body.Span));
                    if (dedupId is null)
                        throw new EngineException(EngineError.DeduplicationIdRequired, "A deduplication id is required for this queue.");
                    dedupKey = settings.DeduplicationScope == DeduplicationScope.Group ? draft.GroupId + "\u0001" + dedupId : dedupId;
                    if (_dedup.TryGet(dedupKey, now, out var original))
                    {
                        results[i] = new SendResult(original.MessageId, original.SequenceNumber, Duplicate: true);
                        continue;
                    }
                }

                var seq = ++_lastSeq;
                var visibleAt = draft.VisibleAtMs(now, settings.DeliveryDelay);
                var message = draft.ToMessage(seq, now, visibleAt, dedupId);
                ops.Add(new InsertMessageOp(EntityId, message));
                if (dedupKey is not null)
                {
                    var record = new DedupRecord(dedupKey, message.MessageId, seq, now + (long)settings.DeduplicationWindow.TotalMilliseconds);
                    _dedup.Add(record);
                    ops.Add(new InsertDedupOp(EntityId, record));
                }
                var entry = AdmitNew(message, visibleAt, delivery: null);
                if (entry is not null) (pending ??= []).Add(entry);
                results[i] = new SendResult(message.MessageId, seq, Duplicate: false);
                accepted++;
            }
            commit = _engine.Committer.Submit(ops);
        }

        await CompleteAdmissionAsync(commit, pending).ConfigureAwait(false);
        if (accepted > 0) _engine.Metrics.Sent(Name, accepted);
        return results;
    }

    /// <summary>
    /// Accounts a new message with an already assigned sequence number: either as a Pending entry in
    /// the memory window, or on disk only once the window is full or a backlog is already paged out
    /// (new messages must not overtake older ones still on disk). Caller holds the lock and submits
    /// the insert op before releasing it.
    /// </summary>
    private MessageEntry? AdmitNew(Message message, long visibleAtMs, DeliveryState? delivery)
    {
        if (_diskOnly > 0 || WindowFull)
        {
            _diskOnly++;
            return null;
        }
        var entry = new MessageEntry(message) { State = EntryState.Pending, VisibleAtMs = visibleAtMs };
        if (delivery is { } d)
        {
            entry.DeliveryCount = d.DeliveryCount;
            entry.FirstDeliveredAtMs = d.FirstDeliveredAtMs;
            entry.LeaseToken = d.LeaseToken;
        }
        _entries.Add(message.SequenceNumber, entry);
        _memoryBytes += entry.Size;
        _loadedThrough = message.SequenceNumber;
        _nextExpiryCheckMs = Math.Min(_nextExpiryCheckMs == 0 ? long.MaxValue : _nextExpiryCheckMs, EntryExpiry(entry));
        return entry;
    }

    /// <summary>Waits for the inserts to be durable, then makes the entries receivable (or drops them if the commit failed).</summary>
    internal async Task CompleteAdmissionAsync(Task commit, List<MessageEntry>? pending)
    {
        try
        {
            await commit.ConfigureAwait(false);
        }
        catch
        {
            if (pending is not null)
            {
                lock (_gate)
                {
                    foreach (var entry in pending)
                        if (entry.State == EntryState.Pending) Detach(entry, inReadySet: false);
                }
            }
            throw;
        }
        if (pending is null) return;
        lock (_gate)
        {
            if (_deleted) return;
            var now = _engine.NowMs();
            var ready = 0;
            foreach (var entry in pending)
                if (entry.State == EntryState.Pending && MakeReadyOrDelayed(entry, now)) ready++;
            if (ready > 0) Signal(ready);
        }
    }

    /// <summary>
    /// Admits messages moved here from elsewhere (dead-lettering, redrive, topic fan-out). Caller holds
    /// this queue's lock; the returned entries must be activated with <see cref="CompleteAdmissionAsync"/>.
    /// </summary>
    internal void AdmitTransferredLocked(IReadOnlyList<(Message Draft, DeliveryState? Delivery)> messages, List<StorageOp> ops, List<MessageEntry> pending, long nowMs)
    {
        ThrowIfDeleted();
        foreach (var (template, delivery) in messages)
        {
            var seq = ++_lastSeq;
            var message = template with { SequenceNumber = seq };
            var visibleAt = Math.Max(message.ScheduledAtMs, nowMs);
            ops.Add(new InsertMessageOp(EntityId, message, delivery));
            var entry = AdmitNew(message, visibleAt, delivery);
            if (entry is not null) pending.Add(entry);
        }
    }

    /// <summary>Puts an entry that is neither leased nor in the ready set where its visibility time says; true if ready.</summary>
    private bool MakeReadyOrDelayed(MessageEntry entry, long now)
    {
        if (entry.VisibleAtMs > now)
        {
            entry.State = EntryState.Delayed;
            _delayed++;
            Schedule(entry);
            return false;
        }
        entry.State = EntryState.Ready;
        _readyCount++;
        _ready.Add(entry);
        return true;
    }

    internal object Gate => _gate;
}
