using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// Evaluates attribute-scope branches: each key names one attribute. String values match as JSON strings,
/// Number values as JSON numbers (so "300" as a String never meets a numeric condition), and a
/// String.Array matches when any of its elements does. Absent and Binary attributes satisfy only exists:false.
/// </summary>
internal static class AttributeMatcher
{
    private const int StackBytes = 1024;

    public static bool Matches<TSource>(PolicyBranch[] branches, TSource source)
        where TSource : IAttributeSource
    {
        if (branches.Length == 0)
            return true;
        foreach (var branch in branches)
        {
            if (BranchMatches(branch, source))
                return true;
        }
        return false;
    }

    private static bool BranchMatches<TSource>(PolicyBranch branch, TSource source)
        where TSource : IAttributeSource
    {
        foreach (var leaf in branch.Leaves)
        {
            if (!LeafMatches(leaf, source.Find(leaf.Path, out var text), text))
                return false;
        }
        return true;
    }

    private static bool LeafMatches(PolicyLeaf leaf, AttributeKind kind, string? text)
    {
        if (kind is AttributeKind.Absent or AttributeKind.Ignored)
            return leaf.MatchesAbsence;
        if (leaf.MatchesAnyValue)
            return true;
        if (text is null)
            return false;
        switch (kind)
        {
            case AttributeKind.Number:
                var number = new EventValue(ValueKind.Number, text);
                return leaf.MatchesValue(ref number);
            case AttributeKind.StringArray:
                return AnyElementMatches(leaf, text);
            default:
                var value = new EventValue(ValueKind.String, text);
                return leaf.MatchesValue(ref value);
        }
    }

    /// <summary>Elements of a String.Array (JSON text); nested arrays are flattened, objects are not values.</summary>
    private static bool AnyElementMatches(PolicyLeaf leaf, string json)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rentedBytes = null;
        char[]? rentedChars = null;
        var utf8 = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            utf8 = utf8[..Encoding.UTF8.GetBytes(json, utf8)];
            // No element is longer than the whole text, in bytes or in chars.
            var chars = utf8.Length <= StackBytes / 2 ? stackalloc char[StackBytes / 2] : (rentedChars = ArrayPool<char>.Shared.Rent(utf8.Length));
            return ScanElements(leaf, utf8, chars);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not a JSON array (or an escaped lone surrogate): nothing in it can match.
            return false;
        }
        finally
        {
            if (rentedBytes is not null)
                ArrayPool<byte>.Shared.Return(rentedBytes);
            if (rentedChars is not null)
                ArrayPool<char>.Shared.Return(rentedChars);
        }
    }

    private static bool ScanElements(PolicyLeaf leaf, ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            return false;
        while (reader.Read())
        {
            EventValue value;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    value = new EventValue(ValueKind.String, chars[..reader.CopyString(chars)]);
                    break;
                case JsonTokenType.Number:
                    value = new EventValue(ValueKind.Number, chars[..Encoding.UTF8.GetChars(reader.ValueSpan, chars)]);
                    break;
                case JsonTokenType.True:
                    value = new EventValue(ValueKind.True, default);
                    break;
                case JsonTokenType.False:
                    value = new EventValue(ValueKind.False, default);
                    break;
                case JsonTokenType.Null:
                    value = new EventValue(ValueKind.Null, default);
                    break;
                case JsonTokenType.StartObject:
                    reader.Skip();
                    continue;
                case JsonTokenType.EndArray when reader.CurrentDepth == 0:
                    return false;
                default:
                    continue;
            }
            if (leaf.MatchesValue(ref value))
                return true;
        }
        return false;
    }
}
