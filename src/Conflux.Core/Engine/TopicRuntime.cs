using Conflux.Core.Entities;

namespace Conflux.Core.Engine;

/// <summary>A topic's definition and its subscriptions; the list is swapped whole so publishers read it lock-free.</summary>
internal sealed class TopicRuntime(TopicDefinition definition)
{
    private volatile Subscription[] _subscriptions = [];

    public TopicDefinition Definition { get; set; } = definition;

    public IReadOnlyList<Subscription> Subscriptions => _subscriptions;

    public void Add(SubscriptionDefinition definition) =>
        _subscriptions = [.. _subscriptions.Where(s => s.Definition.SubscriptionName != definition.SubscriptionName), new Subscription(definition)];

    public void Remove(string subscriptionName) =>
        _subscriptions = [.. _subscriptions.Where(s => s.Definition.SubscriptionName != subscriptionName)];

    /// <summary>A subscription with its filter compiled on first use (faces register dialects after start-up).</summary>
    internal sealed class Subscription(SubscriptionDefinition definition)
    {
        private IMessageFilter? _filter;

        public SubscriptionDefinition Definition { get; } = definition;

        public IMessageFilter? Filter(MessagingEngine engine) =>
            Definition.Filter is null ? null : _filter ??= engine.CompileFilter(Definition.Filter);
    }
}
