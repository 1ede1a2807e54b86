using System.Text.Json;

namespace Conflux.Aws.Protocol;

/// <summary>A request node over an awsJson body. Type mismatches fail the way the awsJson front end does.</summary>
public sealed class JsonRequestNode(JsonElement element) : RequestNode
{
    private bool TryGet(string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        value = default;
        return false;
    }

    public override bool Has(string name) => TryGet(name, out _);

    public override string? String(string name)
    {
        if (!TryGet(name, out var value)) return null;
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw CommonErrors.Serialization($"{Describe(value)} can not be converted to a String");
    }

    public override int? Int(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)) return i;
        throw CommonErrors.Serialization($"{Describe(value)} can not be converted to an Integer");
    }

    public override long? Long(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l)) return l;
        throw CommonErrors.Serialization($"{Describe(value)} can not be converted to a Long");
    }

    public override bool? Bool(string name)
    {
        if (!TryGet(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw CommonErrors.Serialization($"{Describe(value)} can not be converted to a Boolean"),
        };
    }

    public override byte[]? Blob(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && value.TryGetBytesFromBase64(out var bytes)) return bytes;
        throw CommonErrors.Serialization($"{Describe(value)} can not be converted to a Blob");
    }

    public override IReadOnlyList<string>? StringList(string name, string queryItem)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array) throw CommonErrors.Serialization($"Expected a list for {name}");
        var list = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw CommonErrors.Serialization($"{Describe(item)} can not be converted to a String");
            list.Add(item.GetString()!);
        }
        return list;
    }

    public override IReadOnlyList<RequestNode>? StructList(string name, string queryItem)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array) throw CommonErrors.Serialization($"Expected a list for {name}");
        var list = new List<RequestNode>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw CommonErrors.Serialization($"Expected a structure in {name}");
            list.Add(new JsonRequestNode(item));
        }
        return list;
    }

    public override IReadOnlyList<KeyValuePair<string, string>>? StringMap(string name, string queryEntry, string queryKey = "Name", string queryValue = "Value")
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) throw CommonErrors.Serialization($"Expected a map for {name}");
        var map = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String) throw CommonErrors.Serialization($"{Describe(property.Value)} can not be converted to a String");
            map.Add(new(property.Name, property.Value.GetString()!));
        }
        return map;
    }

    public override IReadOnlyList<KeyValuePair<string, RequestNode>>? StructMap(string name, string queryEntry, string queryKey = "Name", string queryValue = "Value")
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object) throw CommonErrors.Serialization($"Expected a map for {name}");
        var map = new List<KeyValuePair<string, RequestNode>>();
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object) throw CommonErrors.Serialization($"Expected a structure in {name}");
            map.Add(new(property.Name, new JsonRequestNode(property.Value)));
        }
        return map;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "STRING_VALUE",
        JsonValueKind.Number => "NUMBER_VALUE",
        JsonValueKind.True or JsonValueKind.False => "BOOLEAN_VALUE",
        JsonValueKind.Array => "START_ARRAY",
        JsonValueKind.Object => "START_OBJECT",
        _ => "VALUE",
    };
}
