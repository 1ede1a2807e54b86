namespace Conflux.Core.Entities;

public sealed record QueueDefinition : EntityDefinition
{
    public override EntityKind Kind => EntityKind.Queue;

    public QueueSettings Settings { get; init; } = new();
}
