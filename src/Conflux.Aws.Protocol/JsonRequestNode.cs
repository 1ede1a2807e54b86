using System.Runtime.InteropServices;
using System.Text.Json;

namespace Conflux.Aws.Protocol;

/// <summary>A request node over an awsJson body. Type mismatches fail the way the awsJson front end does.</summary>
public sealed class JsonRequestNode(JsonElement element) : RequestNode
{
    private bool TryGet(string name, out JsonElement value)
    {
        try
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null) return true;
        }
        catch (InvalidOperationException)
        {
            // Looking up a name compares it with every key; a key escaping a lone surrogate cannot be decoded.
            throw CommonErrors.Serialization("The request contains a name with an invalid escape sequence.");
        }
        value = default;
        return false;
    }

    public override bool Has(string name) => TryGet(name, out _);

    public override string? String(string name)
    {
        if (!TryGet(name, out var value)) return null;
        return value.ValueKind == JsonValueKind.String
            ? Text(value)
            : throw CommonErrors.Serialization($"{Describe(value)} can not be converted to a String");
    }

    public override byte[]? Utf8(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.String) throw CommonErrors.Serialization($"{Describe(value)} can not be converted to a String");
        // The raw token is the quoted UTF-8 text; without escapes it is exactly the value's bytes.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var inner = raw[1..^1];
        return inner.Contains((byte)'\\') ? System.Text.Encoding.UTF8.GetBytes(Text(value)) : inner.ToArray();
    }

    /// <summary>The string value; an escape spelling a lone surrogate (\ud800) is a malformed request, not a 500.</summary>
    private static string Text(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw CommonErrors.Serialization("The request contains a string with an invalid escape sequence.");
        }
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
            list.Add(Text(item));
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
            map.Add(new(PropertyName(property), Text(property.Value)));
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
            map.Add(new(PropertyName(property), new JsonRequestNode(property.Value)));
        }
        return map;
    }

    /// <summary>Map keys are JSON property names and can carry the same bad escapes.</summary>
    private static string PropertyName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw CommonErrors.Serialization("The request contains a name with an invalid escape sequence.");
        }
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
