using Conflux.Core.Entities;
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

    public SubscriptionDefinition? GetSubscription(string topic, string subscriptionName) =>
        _topics.TryGetValue(topic, out var runtime) ? runtime.Find(subscriptionName)?.Definition : null;

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

    /// <summary>Changes a topic's settings, attributes or tags; identity and ordering cannot change.</summary>
    public async Task<TopicDefinition> UpdateTopicAsync(string name, Func<TopicDefinition, TopicDefinition> update)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_topics.TryGetValue(name, out var runtime)) throw EngineException.NotFound(name);
            var current = runtime.Definition;
            var definition = update(current) with { Id = current.Id, Name = current.Name, Ordered = current.Ordered, CreatedAtMs = current.CreatedAtMs, ModifiedAtMs = NowMs() };
            await Committer.Submit(new UpsertEntityOp(definition.Id, EntityKind.Topic, definition.Name, EntityCodec.Encode(definition))).ConfigureAwait(false);
            runtime.Definition = definition;
            return definition;
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
        SubscriptionDefinition definition;
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_topics.TryGetValue(proposal.Topic, out var topic)) throw EngineException.NotFound(proposal.Topic);
            var name = SubscriptionDefinition.EntityName(proposal.Topic, proposal.SubscriptionName);
            var existing = topic.Find(proposal.SubscriptionName)?.Definition;
            var now = NowMs();
            definition = proposal with
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
        }
        finally
        {
            _entityLock.Release();
        }
        await Push.EnsureAsync(definition).ConfigureAwait(false);
        return definition;
    }

    public async Task UnsubscribeAsync(string topic, string subscriptionName)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_topics.TryGetValue(topic, out var runtime)) throw EngineException.NotFound(topic);
            var subscription = runtime.Find(subscriptionName)
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
        Push.Stop(subscription.Name);
        if (subscription.ForwardTo is null && FindQueue(subscription.Name) is { } buffer) await RemoveRuntimeAsync(buffer).ConfigureAwait(false);
        else await Committer.Submit(new DeleteEntityOp(subscription.Id)).ConfigureAwait(false);
    }
}
