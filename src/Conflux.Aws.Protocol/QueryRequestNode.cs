using System.Globalization;

namespace Conflux.Aws.Protocol;

/// <summary>
/// A request node over flat query parameters. Nested members are addressed by dotted paths:
/// a flattened list is <c>Item.1</c>, <c>Item.2</c>…; a map entry is <c>Entry.N.Name</c> / <c>Entry.N.Value</c>.
/// </summary>
public sealed class QueryRequestNode(IReadOnlyDictionary<string, string> parameters, string prefix = "") : RequestNode
{
    private string Path(string name) => prefix.Length == 0 ? name : prefix + name;

    public override bool Has(string name) => parameters.ContainsKey(Path(name)) || parameters.Keys.Any(k => k.StartsWith(Path(name) + ".", StringComparison.Ordinal));

    public override string? String(string name) => parameters.TryGetValue(Path(name), out var value) ? value : null;

    public override int? Int(string name)
    {
        var text = String(name);
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw CommonErrors.InvalidParameterValue($"Value {text} for parameter {name} is invalid. Reason: Must be an integer value.");
    }

    public override long? Long(string name)
    {
        var text = String(name);
        if (text is null) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw CommonErrors.InvalidParameterValue($"Value {text} for parameter {name} is invalid. Reason: Must be an integer value.");
    }

    public override bool? Bool(string name)
    {
        var text = String(name);
        if (text is null) return null;
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)) return false;
        throw CommonErrors.InvalidParameterValue($"Value {text} for parameter {name} is invalid. Reason: Must be a boolean value.");
    }

    public override byte[]? Blob(string name)
    {
        var text = String(name);
        if (text is null) return null;
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw CommonErrors.InvalidParameterValue($"Value for parameter {name} is invalid. Reason: Not valid base64.");
        }
    }

    public override IReadOnlyList<string>? StringList(string name, string queryItem)
    {
        var indices = Indices(queryItem);
        return indices is null ? null : [.. indices.Select(i => parameters[Path($"{queryItem}.{i}")])];
    }

    public override IReadOnlyList<RequestNode>? StructList(string name, string queryItem)
    {
        var indices = Indices(queryItem);
        return indices is null ? null : [.. indices.Select(i => new QueryRequestNode(parameters, Path($"{queryItem}.{i}.")))];
    }

    public override IReadOnlyList<KeyValuePair<string, string>>? StringMap(string name, string queryEntry, string queryKey = "Name", string queryValue = "Value")
    {
        var indices = Indices(queryEntry);
        if (indices is null) return null;
        var map = new List<KeyValuePair<string, string>>();
        foreach (var i in indices)
        {
            var key = String($"{queryEntry}.{i}.{queryKey}") ?? throw CommonErrors.MissingParameter($"{queryEntry}.{i}.{queryKey}");
            map.Add(new(key, String($"{queryEntry}.{i}.{queryValue}") ?? ""));
        }
        return map;
    }

    public override IReadOnlyList<KeyValuePair<string, RequestNode>>? StructMap(string name, string queryEntry, string queryKey = "Name", string queryValue = "Value")
    {
        var indices = Indices(queryEntry);
        if (indices is null) return null;
        var map = new List<KeyValuePair<string, RequestNode>>();
        foreach (var i in indices)
        {
            var key = String($"{queryEntry}.{i}.{queryKey}") ?? throw CommonErrors.MissingParameter($"{queryEntry}.{i}.{queryKey}");
            map.Add(new(key, new QueryRequestNode(parameters, Path($"{queryEntry}.{i}.{queryValue}."))));
        }
        return map;
    }

    /// <summary>The distinct numeric indices under <c>item.N</c>, ascending; null when there are none.</summary>
    private List<int>? Indices(string item)
    {
        var head = Path(item) + ".";
        SortedSet<int>? found = null;
        foreach (var key in parameters.Keys)
        {
            if (!key.StartsWith(head, StringComparison.Ordinal)) continue;
            var rest = key.AsSpan(head.Length);
            var dot = rest.IndexOf('.');
            var digits = dot < 0 ? rest : rest[..dot];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index > 0) (found ??= []).Add(index);
        }
        return found is null ? null : [.. found];
    }
}
