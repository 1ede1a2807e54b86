using System.Text;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>One level of a body path; holds the key ending here, if any, and the levels below.</summary>
internal sealed class PathNode(string segment)
{
    private List<PathNode>? _building = [];
    private PathNode[] _children = [];

    public string Segment { get; } = segment;

    public byte[] Utf8Segment { get; } = Encoding.UTF8.GetBytes(segment);

    public bool HasChildren => _children.Length > 0;

    public PolicyLeaf? Leaf { get; set; }

    /// <summary>The leaf's index in its branch: the bit it sets in a satisfied-keys mask.</summary>
    public int Bit { get; set; } = -1;

    public PathNode GetOrAdd(string child)
    {
        foreach (var existing in _building!)
        {
            if (existing.Segment == child)
                return existing;
        }
        var node = new PathNode(child);
        _building!.Add(node);
        return node;
    }

    public void Freeze()
    {
        _children = [.. _building!];
        _building = null;
        foreach (var child in _children)
            child.Freeze();
    }

    /// <summary>The node a (possibly dotted) UTF-8 property name leads to, or null when it leaves the policy's paths.</summary>
    public PathNode? Descend(ReadOnlySpan<byte> name)
    {
        var node = this;
        while (true)
        {
            var dot = name.IndexOf((byte)'.');
            node = node.Child(dot < 0 ? name : name[..dot]);
            if (node is null || dot < 0)
                return node;
            name = name[(dot + 1)..];
        }
    }

    /// <summary>As <see cref="Descend(ReadOnlySpan{byte})"/> for names that had to be unescaped first.</summary>
    public PathNode? Descend(ReadOnlySpan<char> name)
    {
        var node = this;
        while (true)
        {
            var dot = name.IndexOf('.');
            node = node.Child(dot < 0 ? name : name[..dot]);
            if (node is null || dot < 0)
                return node;
            name = name[(dot + 1)..];
        }
    }

    private PathNode? Child(ReadOnlySpan<byte> segment)
    {
        foreach (var child in _children)
        {
            if (segment.SequenceEqual(child.Utf8Segment))
                return child;
        }
        return null;
    }

    private PathNode? Child(ReadOnlySpan<char> segment)
    {
        foreach (var child in _children)
        {
            if (segment.SequenceEqual(child.Segment))
                return child;
        }
        return null;
    }
}
