namespace Conflux.Core.Entities;

/// <summary>A topic fans each published message out to its subscriptions.</summary>
public sealed record TopicDefinition : EntityDefinition
{
    public override EntityKind Kind => EntityKind.Topic;

    /// <summary>Ordered topics require group ids and keep per-group order into ordered subscriptions.</summary>
    public bool Ordered { get; init; }

    public bool RequiresDeduplication { get; init; }

    public bool ContentBasedDeduplication { get; init; }

    public TimeSpan DeduplicationWindow { get; init; } = TimeSpan.FromMinutes(5);
}
