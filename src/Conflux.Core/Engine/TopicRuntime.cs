using Conflux.Core.Entities;

namespace Conflux.Core.Engine;

/// <summary>
/// A topic's definition and its subscriptions; the list is swapped whole so publishers read it
/// lock-free. Ordered or deduplicating topics serialise their publishes on <see cref="Gate"/>, which is
/// only held while copies are admitted, never across the commit.
/// </summary>
internal sealed class TopicRuntime(TopicDefinition definition)
{
    private volatile Subscription[] _subscriptions = [];

    public TopicDefinition Definition { get; set; } = definition;

    public IReadOnlyList<Subscription> Subscriptions => _subscriptions;

    public object Gate { get; } = new();

    public DedupTable Dedup { get; } = new();

    /// <summary>Last sequence number handed out (ordered topics).</summary>
    public long LastSequence { get; set; }

    public void Add(SubscriptionDefinition definition) =>
        _subscriptions = [.. _subscriptions.Where(s => s.Definition.SubscriptionName != definition.SubscriptionName), new Subscription(definition)];

    public void Remove(string subscriptionName) =>
        _subscriptions = [.. _subscriptions.Where(s => s.Definition.SubscriptionName != subscriptionName)];

    public Subscription? Find(string subscriptionName) =>
        Array.Find(_subscriptions, s => s.Definition.SubscriptionName == subscriptionName);

    /// <summary>A subscription with its filter and renderer resolved on first use (faces register dialects after start-up).</summary>
    internal sealed class Subscription(SubscriptionDefinition definition)
    {
        private IMessageFilter? _filter;
        private IDeliveryRenderer? _renderer;

        public SubscriptionDefinition Definition { get; } = definition;

        public IMessageFilter? Filter(MessagingEngine engine) =>
            Definition.Filter is null ? null : _filter ??= engine.CompileFilter(Definition.Filter);

        public IDeliveryRenderer? Renderer(MessagingEngine engine) =>
            Definition.Renderer is null ? null : _renderer ??= engine.FindRenderer(Definition.Renderer);
    }
}
