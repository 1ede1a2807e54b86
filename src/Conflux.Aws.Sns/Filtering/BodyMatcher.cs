using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// Evaluates body-scope branches the way event-ruler evaluates JSON events: keys are dot-joined paths
/// (so {"a.b":1} and {"a":{"b":1}} are the same key), only scalar leaves are values, and matches must be
/// array-consistent — keys found under one array must all come from the same element. Each walk returns
/// the set of satisfied-key masks reachable from a node (a bit per mask, five keys at most): objects
/// combine their properties' sets, arrays take the union over their elements.
/// </summary>
internal static class BodyMatcher
{
    /// <summary>The set holding only the empty mask: nothing satisfied yet.</summary>
    private const uint NothingSatisfied = 1u;

    private const int StackChars = 256;

    public static bool Matches(PolicyBranch[] branches, JsonElement body)
    {
        if (branches.Length == 0)
            return true;
        if (body.ValueKind != JsonValueKind.Object)
            return false;
        foreach (var branch in branches)
        {
            if (BranchMatches(branch, body))
                return true;
        }
        return false;
    }

    private static bool BranchMatches(PolicyBranch branch, JsonElement body)
    {
        var leaves = branch.Leaves;
        var required = (1u << leaves.Length) - 1;
        for (var i = 0; i < leaves.Length; i++)
        {
            // exists:false is about the whole body, not one array element, as in the ruler.
            if (leaves[i].MatchesAbsence && !HasValue(body, leaves[i], 0))
                required &= ~(1u << i);
        }
        if (required == 0)
            return true;

        var reachable = Reachable(branch.Root!, body);
        for (var sets = reachable; sets != 0; sets &= sets - 1)
        {
            var mask = (uint)BitOperations.TrailingZeroCount(sets);
            if ((mask & required) == required)
                return true;
        }
        return false;
    }

    private static uint Reachable(PathNode node, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (!node.HasChildren)
                    return NothingSatisfied;
                var combined = NothingSatisfied;
                foreach (var property in element.EnumerateObject())
                {
                    var child = Descend(node, property);
                    if (child is null)
                        continue;
                    var sets = Reachable(child, property.Value);
                    if (sets != NothingSatisfied)
                        combined = Combine(combined, sets);
                }
                return combined;
            case JsonValueKind.Array:
                var union = NothingSatisfied;
                foreach (var item in element.EnumerateArray())
                    union |= Reachable(node, item);
                return union;
            default:
                return node.Leaf is not null && ScalarMatches(node.Leaf, element)
                    ? NothingSatisfied | (1u << (1 << node.Bit))
                    : NothingSatisfied;
        }
    }

    /// <summary>Every union of one mask from each set: properties of one object are satisfied independently.</summary>
    private static uint Combine(uint left, uint right)
    {
        var result = 0u;
        for (var l = left; l != 0; l &= l - 1)
        {
            var a = BitOperations.TrailingZeroCount(l);
            for (var r = right; r != 0; r &= r - 1)
                result |= 1u << (a | BitOperations.TrailingZeroCount(r));
        }
        return result;
    }

    private static PathNode? Descend(PathNode node, JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (!raw.Contains((byte)'\\'))
            return node.Descend(raw);
        try
        {
            return node.Descend(property.Name.AsSpan());
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate cannot be a name the policy mentions.
            return null;
        }
    }

    /// <summary>Whether the body holds any scalar at the leaf's path (null counts; objects and empty arrays do not).</summary>
    private static bool HasValue(JsonElement element, PolicyLeaf leaf, int index)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (HasValue(item, leaf, index))
                        return true;
                }
                return false;
            case JsonValueKind.Object:
                if (index == leaf.Segments.Length)
                    return false;
                foreach (var property in element.EnumerateObject())
                {
                    var consumed = MatchSegments(property, leaf, index);
                    if (consumed > 0 && HasValue(property.Value, leaf, index + consumed))
                        return true;
                }
                return false;
            default:
                return index == leaf.Segments.Length;
        }
    }

    /// <summary>How many of the leaf's levels from <paramref name="index"/> a (possibly dotted) name spells; 0 if none.</summary>
    private static int MatchSegments(JsonProperty property, PolicyLeaf leaf, int index)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Contains((byte)'\\'))
        {
            try
            {
                raw = Encoding.UTF8.GetBytes(property.Name);
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }
        var consumed = 0;
        while (true)
        {
            if (index + consumed >= leaf.Segments.Length)
                return 0;
            var dot = raw.IndexOf((byte)'.');
            if (!(dot < 0 ? raw : raw[..dot]).SequenceEqual(leaf.Utf8Segments[index + consumed]))
                return 0;
            consumed++;
            if (dot < 0)
                return consumed;
            raw = raw[(dot + 1)..];
        }
    }

    private static bool ScalarMatches(PolicyLeaf leaf, JsonElement element)
    {
        if (leaf.MatchesAnyValue)
            return true;
        var kind = element.ValueKind switch
        {
            JsonValueKind.String => ValueKind.String,
            JsonValueKind.Number => ValueKind.Number,
            JsonValueKind.True => ValueKind.True,
            JsonValueKind.False => ValueKind.False,
            _ => ValueKind.Null,
        };
        if (kind is not (ValueKind.String or ValueKind.Number))
        {
            var literal = new EventValue(kind, default);
            return leaf.MatchesValue(ref literal);
        }

        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (kind == ValueKind.String)
        {
            raw = raw[1..^1];
            if (raw.Contains((byte)'\\'))
                return EscapedStringMatches(leaf, element);
        }
        char[]? rented = null;
        var buffer = raw.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var value = new EventValue(kind, buffer[..Encoding.UTF8.GetChars(raw, buffer)]);
            return leaf.MatchesValue(ref value);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool EscapedStringMatches(PolicyLeaf leaf, JsonElement element)
    {
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        var value = new EventValue(ValueKind.String, text);
        return leaf.MatchesValue(ref value);
    }
}
