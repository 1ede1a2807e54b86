using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sns;

/// <summary>Tags as SNS accepts them: at most 50, keys 1–128 and values up to 256 characters.</summary>
internal static class SnsTags
{
    public const int MaxTags = 50;

    public static IReadOnlyDictionary<string, string>? Read(RequestNode p)
    {
        var items = p.StructList("Tags", "Tags.member");
        if (items is null) return null;
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = item.String("Key") ?? throw SnsErrors.Invalid("Tags", "Tag key is required");
            var value = item.String("Value") ?? throw SnsErrors.Invalid("Tags", "Tag value is required");
            if (key.Length is 0 or > 128) throw SnsErrors.Invalid("Tags", "Tag key must be between 1 and 128 characters");
            if (value.Length > 256) throw SnsErrors.Invalid("Tags", "Tag value must be at most 256 characters");
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) throw SnsErrors.Invalid("Tags", "Tag keys must not start with aws:");
            if (!tags.TryAdd(key, value)) throw SnsErrors.InvalidParameter("Invalid parameter: Duplicated keys are not allowed.");
        }
        if (tags.Count > MaxTags) throw SnsErrors.TagLimitExceeded();
        return tags;
    }
}
