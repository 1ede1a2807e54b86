namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// The SNS limits checked once the rules compile (see "Filter policy constraints" in the SNS developer guide):
/// no nesting in the attributes scope, at most five keys (leaf keys when nested), and at most 150
/// combinations, where each key contributes its number of values times its nesting depth and "$or"
/// branches add up rather than multiply.
/// </summary>
internal static class PolicyValidator
{
    public const int MaxKeys = 5;
    public const int MaxPolicyBytes = 256 * 1024;

    public static void Validate(ParsedPolicy policy, FilterPolicyScope scope)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in policy.Leaves)
        {
            if (scope == FilterPolicyScope.MessageAttributes && leaf.Depth > 1)
                throw PolicyErrors.NestedInAttributesScope();
            keys.Add(leaf.Path);
        }
        if (keys.Count > MaxKeys)
            throw PolicyErrors.TooManyKeys();
        if (policy.Exploded || Combinations(policy.Rules) > PolicyParser.MaxCombinations)
            throw PolicyErrors.TooComplex();
    }

    private static long Combinations(List<Dictionary<string, PolicyLeaf>> rules)
    {
        long total = 0;
        foreach (var rule in rules)
        {
            long product = 1;
            foreach (var leaf in rule.Values)
            {
                // Saturate: anything past the limit is simply too complex.
                product = Math.Min(product * leaf.ValueCount * leaf.Depth, int.MaxValue);
            }
            total = Math.Min(total + product, int.MaxValue);
        }
        return total;
    }
}
