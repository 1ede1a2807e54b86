using System.Text;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// One key of a policy (an attribute name, or a body path whose levels are joined by '.') with its list of
/// match values, any of which may match. exists true/false are kept as flags rather than conditions because
/// they are decided by presence, not by a value.
/// </summary>
internal sealed class PolicyLeaf(string path, int depth, Condition[] conditions, bool existsTrue, bool existsFalse, int valueCount)
{
    public string Path { get; } = path;

    /// <summary>Levels of the path; event-ruler joins nested keys with '.', so "a.b" and {"a":{"b"}} are the same key.</summary>
    public string[] Segments { get; } = path.Split('.');

    public byte[][] Utf8Segments { get; } = Array.ConvertAll(path.Split('.'), Encoding.UTF8.GetBytes);

    /// <summary>How deeply the key was nested in the policy JSON (1 at the top); weighs the complexity count.</summary>
    public int Depth { get; } = depth;

    /// <summary>How many entries the key's array had, operators included; the other complexity factor.</summary>
    public int ValueCount { get; } = valueCount;

    /// <summary>Satisfied by the key being absent ({"exists": false}).</summary>
    public bool MatchesAbsence { get; } = existsFalse;

    /// <summary>Satisfied by any value at all ({"exists": true}), so values need not be decoded.</summary>
    public bool MatchesAnyValue { get; } = existsTrue;

    public bool MatchesValue(ref EventValue value)
    {
        if (MatchesAnyValue)
            return true;
        foreach (var condition in conditions)
        {
            if (condition.Matches(ref value))
                return true;
        }
        return false;
    }
}
