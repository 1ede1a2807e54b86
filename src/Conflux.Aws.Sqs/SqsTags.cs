using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

/// <summary>Queue tags: at most 50; keys 1–128 characters, values up to 256.</summary>
internal static class SqsTags
{
    public const int MaxTags = 50;

    public static SortedDictionary<string, string> Validate(IReadOnlyList<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string>? existing)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (existing is not null)
            foreach (var (key, value) in existing) merged[key] = value;
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128) throw CommonErrors.InvalidParameterValue($"Tag key must be between 1 and 128 characters: {key}");
            if (value.Length > 256) throw CommonErrors.InvalidParameterValue($"Tag value must be at most 256 characters for key {key}");
            merged[key] = value;
        }
        if (merged.Count > MaxTags) throw CommonErrors.InvalidParameterValue($"Too many tags added for queue. A queue can have at most {MaxTags} tags.");
        return merged;
    }
}
