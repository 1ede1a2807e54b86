using System.Security.Cryptography;
using Conflux.Core.Messages;
using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

public sealed partial class MessagingEngine
{
    /// <summary>
    /// Publishes to a topic: one (rendered) copy per matching active subscription, all admitted in one
    /// atomic commit, so a publish that returned is in every subscriber it matched even if the server
    /// dies right after. Ordered and deduplicating topics assign their sequence number and check the
    /// deduplication window under the topic's gate, so copies enter every ordered target in publish order.
    /// </summary>
    public async Task<PublishResult> PublishAsync(string topic, MessageDraft draft)
    {
        if (!_topics.TryGetValue(topic, out var runtime)) throw EngineException.NotFound(topic);
        var definition = runtime.Definition;
        if (definition.Ordered && string.IsNullOrEmpty(draft.GroupId))
            throw new EngineException(EngineError.GroupIdRequired, "A message group id is required for this topic.");
        var now = NowMs();
        if (!definition.Ordered && !definition.RequiresDeduplication)
        {
            var template = draft.ToMessage(sequenceNumber: 0, now, draft.VisibleAtMs(now, TimeSpan.Zero), draft.DeduplicationId);
            var copies = FanOut(runtime, template);
            if (copies.Count > 0) await TransferAsync(copies, []).ConfigureAwait(false);
            Metrics.Sent(topic);
            return new PublishResult(template.MessageId, 0, copies.Count, Duplicate: false);
        }

        var dedupId = draft.DeduplicationId;
        if (definition.RequiresDeduplication && dedupId is null)
        {
            if (!definition.ContentBasedDeduplication)
                throw new EngineException(EngineError.DeduplicationIdRequired, "A deduplication id is required for this topic.");
            dedupId = Convert.ToHexStringLower(SHA256.HashData(draft.Body.Span));
        }
        Admission admission;
        PublishResult result;
        lock (runtime.Gate)
        {
            if (dedupId is not null && definition.RequiresDeduplication && runtime.Dedup.TryGet(dedupId, now, out var original))
                return new PublishResult(original.MessageId, original.SequenceNumber, 0, Duplicate: true);
            // Time-based so numbers keep increasing across restarts without persisting a counter.
            var sequence = Math.Max(runtime.LastSequence + 1, now * 1_000);
            runtime.LastSequence = sequence;
            var template = draft.ToMessage(sequence, now, draft.VisibleAtMs(now, TimeSpan.Zero), dedupId);
            var extra = new List<StorageOp>(1);
            if (definition.RequiresDeduplication && dedupId is not null)
            {
                var record = new DedupRecord(dedupId, template.MessageId, sequence, now + (long)definition.DeduplicationWindow.TotalMilliseconds);
                runtime.Dedup.Add(record);
                extra.Add(new InsertDedupOp(definition.Id, record));
            }
            var copies = FanOut(runtime, template);
            admission = BeginTransfer(copies, extra);
            result = new PublishResult(template.MessageId, sequence, copies.Count, Duplicate: false);
        }
        await admission.CompleteAsync().ConfigureAwait(false);
        Metrics.Sent(topic);
        return result;
    }

    /// <summary>
    /// One copy per matching active subscription, rendered for it. A subscription whose target entity
    /// is gone sends its copy to its dead-letter queue, when it has one, as SNS does.
    /// </summary>
    private List<(QueueRuntime, Message, DeliveryState?)> FanOut(TopicRuntime runtime, Message template)
    {
        var copies = new List<(QueueRuntime, Message, DeliveryState?)>();
        IDeliveryRenderer? lastRenderer = null;
        object? state = null;
        foreach (var subscription in runtime.Subscriptions)
        {
            var definition = subscription.Definition;
            if (!definition.Active) continue;
            var filter = subscription.Filter(this);
            if (filter is not null && !filter.Matches(template)) continue;
            var renderer = subscription.Renderer(this);
            if (renderer is not null && !ReferenceEquals(renderer, lastRenderer))
            {
                lastRenderer = renderer;
                state = null;
            }
            var copy = renderer is null ? template : renderer.Render(template, runtime.Definition, definition, ref state);
            if (copy is null) continue;
            var target = FindQueue(definition.ForwardTo ?? definition.Name);
            if (target is not null)
            {
                copies.Add((target, copy, null));
                continue;
            }
            if (definition.Settings.DeadLetter is { } deadLetter && FindQueue(deadLetter.TargetQueue) is { } dlq)
            {
                copies.Add((dlq, copy with
                {
                    SystemProperties = copy.SystemProperties
                        .With(SystemProperties.DeadLetterSource, PropertyValue.String(definition.Name))
                        .With(SystemProperties.DeadLetterReason, PropertyValue.String("TargetNotFound")),
                }, null));
            }
        }
        return copies;
    }
}

/// <summary>The outcome of a publish: the message id, the topic sequence number (ordered or deduplicating topics), and the copies made.</summary>
public readonly record struct PublishResult(string MessageId, long SequenceNumber, int Deliveries, bool Duplicate);
