namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// One alternative of the policy ("$or" expanded): every key must be satisfied. For the body scope the keys
/// also form a tree of path levels so a body is walked once per branch, only along the policy's paths.
/// </summary>
internal sealed class PolicyBranch
{
    public PolicyBranch(PolicyLeaf[] leaves, bool buildPaths)
    {
        Leaves = leaves;
        if (!buildPaths)
            return;
        Root = new PathNode("");
        for (var i = 0; i < leaves.Length; i++)
        {
            var node = Root;
            foreach (var segment in leaves[i].Segments)
                node = node.GetOrAdd(segment);
            node.Leaf = leaves[i];
            node.Bit = i;
        }
        Root.Freeze();
    }

    /// <summary>At most five keys (validated), so a set of satisfied keys fits in five bits.</summary>
    public PolicyLeaf[] Leaves { get; }

    public PathNode? Root { get; }
}
