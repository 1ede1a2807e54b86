namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// The compiled branches, every key written (including ones a later definition replaced), and whether the
/// "$or" expansion was abandoned for exceeding the combination limit.
/// </summary>
internal sealed record ParsedPolicy(List<Dictionary<string, PolicyLeaf>> Rules, List<PolicyLeaf> Leaves, bool Exploded);
