using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

public sealed partial class MessagingEngine
{
    public TopicDefinition? GetTopic(string name) => _topics.TryGetValue(name, out var topic) ? topic.Definition : null;

    public IReadOnlyList<TopicDefinition> ListTopics() =>
        [.. _topics.Values.Select(t => t.Definition).OrderBy(t => t.Name, StringComparer.Ordinal)];

    public IReadOnlyList<SubscriptionDefinition> ListSubscriptions(string topic) =>
        _topics.TryGetValue(topic, out var runtime)
            ? [.. runtime.Subscriptions.Select(s => s.Definition)]
            : throw EngineException.NotFound(topic);

    public async Task<(TopicDefinition Definition, bool Created)> CreateTopicAsync(TopicDefinition proposal)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_topics.TryGetValue(proposal.Name, out var existing)) return (existing.Definition, false);
            var now = NowMs();
            var definition = proposal with { Id = ++_lastEntityId, CreatedAtMs = now, ModifiedAtMs = now };
            await Committer.Submit([
                new SetMetadataOp(LastEntityIdKey, _lastEntityId.ToString()),
                new UpsertEntityOp(definition.Id, EntityKind.Topic, definition.Name, EntityCodec.Encode(definition)),
            ]).ConfigureAwait(false);
            _topics[definition.Name] = new TopicRuntime(definition);
            return (definition, true);
        }
        finally
        {
            _entityLock.Release();
        }
    }

    public async Task DeleteTopicAsync(string name)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_topics.TryRemove(name, out var topic)) throw EngineException.NotFound(name);
            foreach (var subscription in topic.Subscriptions) await RemoveSubscriptionAsync(subscription.Definition).ConfigureAwait(false);
            await Committer.Submit(new DeleteEntityOp(topic.Definition.Id)).ConfigureAwait(false);
        }
        finally
        {
            _entityLock.Release();
        }
    }

    /// <summary>Adds (or replaces) a subscription; without a forward target it gets its own buffer queue.</summary>
    public async Task<SubscriptionDefinition> SubscribeAsync(SubscriptionDefinition proposal)
    {
        if (proposal.Filter is { } filter) CompileFilter(filter);
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_topics.TryGetValue(proposal.Topic, out var topic)) throw EngineException.NotFound(proposal.Topic);
            var name = SubscriptionDefinition.EntityName(proposal.Topic, proposal.SubscriptionName);
            var existing = topic.Subscriptions.FirstOrDefault(s => s.Definition.SubscriptionName == proposal.SubscriptionName)?.Definition;
            var now = NowMs();
            var definition = proposal with
            {
                Id = existing?.Id ?? ++_lastEntityId,
                Name = name,
                CreatedAtMs = existing?.CreatedAtMs ?? now,
                ModifiedAtMs = now,
            };
            if (existing is not null && (existing.ForwardTo is null) != (definition.ForwardTo is null))
                throw new EngineException(EngineError.InvalidArgument, "A subscription cannot switch between forwarding and buffering.");
            await Committer.Submit([
                new SetMetadataOp(LastEntityIdKey, _lastEntityId.ToString()),
                new UpsertEntityOp(definition.Id, EntityKind.Subscription, name, EntityCodec.Encode(definition)),
            ]).ConfigureAwait(false);
            topic.Add(definition);
            if (definition.ForwardTo is null)
            {
                if (FindQueue(name) is { } buffer) buffer.Update(definition, definition.Settings);
                else _queues[name] = new QueueRuntime(this, definition, definition.Settings, record: null);
            }
            return definition;
        }
        finally
        {
            _entityLock.Release();
        }
    }

    public async Task UnsubscribeAsync(string topic, string subscriptionName)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_topics.TryGetValue(topic, out var runtime)) throw EngineException.NotFound(topic);
            var subscription = runtime.Subscriptions.FirstOrDefault(s => s.Definition.SubscriptionName == subscriptionName)
                ?? throw EngineException.NotFound(SubscriptionDefinition.EntityName(topic, subscriptionName));
            runtime.Remove(subscriptionName);
            await RemoveSubscriptionAsync(subscription.Definition).ConfigureAwait(false);
        }
        finally
        {
            _entityLock.Release();
        }
    }

    private async Task RemoveSubscriptionAsync(SubscriptionDefinition subscription)
    {
        if (subscription.ForwardTo is null && FindQueue(subscription.Name) is { } buffer) await RemoveRuntimeAsync(buffer).ConfigureAwait(false);
        else await Committer.Submit(new DeleteEntityOp(subscription.Id)).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes to a topic: one copy per matching subscription, all admitted in one atomic commit, so a
    /// publish that returned is in every subscriber it matched even if the server dies right after.
    /// Returns the message id and how many subscriptions received a copy.
    /// </summary>
    public async Task<(string MessageId, int Deliveries)> PublishAsync(string topic, MessageDraft draft)
    {
        if (!_topics.TryGetValue(topic, out var runtime)) throw EngineException.NotFound(topic);
        if (runtime.Definition.Ordered && string.IsNullOrEmpty(draft.GroupId))
            throw new EngineException(EngineError.GroupIdRequired, "A message group id is required for this topic.");
        var now = NowMs();
        var template = draft.ToMessage(sequenceNumber: 0, now, draft.VisibleAtMs(now, TimeSpan.Zero), draft.DeduplicationId);
        var copies = new List<(QueueRuntime, Message, DeliveryState?)>();
        foreach (var subscription in runtime.Subscriptions)
        {
            var filter = subscription.Filter(this);
            if (filter is not null && !filter.Matches(template)) continue;
            var target = FindQueue(subscription.Definition.ForwardTo ?? subscription.Definition.Name);
            if (target is null) continue;
            copies.Add((target, template, null));
        }
        if (copies.Count > 0) await TransferAsync(copies, []).ConfigureAwait(false);
        Metrics.Sent(topic);
        return (template.MessageId, copies.Count);
    }
}
