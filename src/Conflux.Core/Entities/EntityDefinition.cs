namespace Conflux.Core.Entities;

/// <summary>
/// What every entity has. <see cref="Attributes"/> holds face-owned settings the core stores but does
/// not interpret (an SQS access policy, a KMS key id); tags are user metadata.
/// </summary>
public abstract record EntityDefinition
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public abstract EntityKind Kind { get; }

    public long CreatedAtMs { get; init; }

    public long ModifiedAtMs { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = EmptyMap;

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyMap;

    internal static readonly IReadOnlyDictionary<string, string> EmptyMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
}
