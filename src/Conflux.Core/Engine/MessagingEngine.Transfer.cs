using Conflux.Core.Messages;
using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

public sealed partial class MessagingEngine
{
    /// <summary>
    /// Admits copies into several queues in one atomic commit, together with <paramref name="extraOps"/>
    /// (the deletes of the originals when moving). Target locks are taken in entity-id order, the only
    /// place more than one queue lock is held, so this cannot deadlock.
    /// </summary>
    internal async Task TransferAsync(IReadOnlyList<(QueueRuntime Target, Message Template, DeliveryState? Delivery)> copies, IReadOnlyList<StorageOp> extraOps) =>
        await BeginTransfer(copies, extraOps).CompleteAsync().ConfigureAwait(false);

    /// <summary>
    /// The synchronous half of <see cref="TransferAsync"/>: admits the copies and submits the commit. A
    /// caller that must order admissions (an ordered topic) calls it under its own lock, then awaits the
    /// returned admission outside it, so no lock is held across the disk write.
    /// </summary>
    internal Admission BeginTransfer(IReadOnlyList<(QueueRuntime Target, Message Template, DeliveryState? Delivery)> copies, IReadOnlyList<StorageOp> extraOps)
    {
        // Grouped in one pass: a fan-out to a hundred queues must not cost a hundred scans of the copies.
        var byTarget = new Dictionary<QueueRuntime, List<(Message, DeliveryState?)>>(copies.Count);
        foreach (var copy in copies)
        {
            if (!byTarget.TryGetValue(copy.Target, out var list)) byTarget[copy.Target] = list = new(1);
            list.Add((copy.Template, copy.Delivery));
        }
        var targets = byTarget.Keys.ToArray();
        Array.Sort(targets, static (a, b) => a.EntityId.CompareTo(b.EntityId));
        var pending = new List<MessageEntry>[targets.Length];
        var ops = new List<StorageOp>(copies.Count + extraOps.Count);
        ops.AddRange(extraOps);
        var now = NowMs();
        var taken = 0;
        try
        {
            foreach (var target in targets)
            {
                Monitor.Enter(target.Gate);
                taken++;
            }
            foreach (var target in targets)
                if (target.IsDeletedLocked) throw EngineException.NotFound(target.Name);
            for (var i = 0; i < targets.Length; i++)
            {
                pending[i] = [];
                targets[i].AdmitTransferredLocked(byTarget[targets[i]], ops, pending[i], now);
            }
            return new Admission(Committer.Submit(ops), targets, pending);
        }
        finally
        {
            for (var i = taken - 1; i >= 0; i--) Monitor.Exit(targets[i].Gate);
        }
    }

    /// <summary>A submitted transfer: awaiting it makes the copies visible once they are durable.</summary>
    internal readonly record struct Admission(Task Commit, QueueRuntime[] Targets, List<MessageEntry>[] Pending)
    {
        public async Task CompleteAsync()
        {
            // Every target must see the outcome (a failed commit detaches its pending entries), so none is skipped.
            Exception? failure = null;
            for (var i = 0; i < Targets.Length; i++)
            {
                try
                {
                    await Targets[i].CompleteAdmissionAsync(Commit, Pending[i]).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    failure ??= ex;
                }
            }
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>
    /// A receiver dead-letters a message it holds (Service Bus DeadLetterMessageAsync): its current,
    /// unexpired lease moves it, atomically, to the queue's dead-letter queue with the given reason.
    /// </summary>
    public async Task<SettleOutcome> DeadLetterAsync(string queue, LeaseToken lease, string reason, string? description = null)
    {
        var runtime = Queue(queue);
        if (runtime.Settings.DeadLetter is not { } policy || FindQueue(policy.TargetQueue) is null)
            throw new EngineException(EngineError.InvalidArgument, $"Queue '{queue}' has no dead-letter queue.");
        var (outcome, entry) = runtime.TakeLeased(lease);
        if (entry is null) return outcome;
        await DeadLetterAsync(runtime, [entry], reason, description).ConfigureAwait(false);
        return outcome;
    }

    private static PropertyBag WithDescription(PropertyBag properties, string? description) =>
        description is null ? properties : properties.With(SystemProperties.DeadLetterDescription, PropertyValue.String(description));

    /// <summary>Moves entries already detached from <paramref name="source"/> to its dead-letter queue.</summary>
    internal async Task DeadLetterAsync(QueueRuntime source, IReadOnlyList<MessageEntry> entries, string reason, string? description = null)
    {
        var policy = source.Settings.DeadLetter;
        var target = policy is null ? null : FindQueue(policy.TargetQueue);
        if (target is null)
        {
            source.Restore(entries);
            return;
        }
        var now = NowMs();
        var copies = entries.Select(e => (target, e.Message with
        {
            SystemProperties = WithDescription(e.Message.SystemProperties
                .With(SystemProperties.DeadLetterSource, PropertyValue.String(source.Name))
                .With(SystemProperties.DeadLetterReason, PropertyValue.String(reason)), description),
            // FIFO dead-letter queues restart the retention clock; standard ones keep the original enqueue time.
            EnqueuedAtMs = target.Settings.Ordered ? now : e.Message.EnqueuedAtMs,
            ScheduledAtMs = 0,
            // A message's own time to live ended here; in the dead-letter queue only its retention applies.
            ExpiresAtMs = 0,
        }, (DeliveryState?)new DeliveryState(0, e.DeliveryCount, e.LeaseToken, e.FirstDeliveredAtMs))).ToList();
        var deletes = entries.Select(e => (StorageOp)new DeleteMessageOp(source.EntityId, e.Seq)).ToList();
        try
        {
            await TransferAsync(copies, deletes).ConfigureAwait(false);
            Metrics.DeadLettered(source.Name, entries.Count);
        }
        catch (EngineException)
        {
            source.Restore(entries);
        }
    }
}
