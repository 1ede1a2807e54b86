using System.Text.Encodings.Web;
using System.Text.Json;

namespace Conflux.Aws.Protocol;

/// <summary>Writes the awsJson response object straight into the response buffer.</summary>
public sealed class JsonResponseWriter : ResponseWriter, IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly Utf8JsonWriter _json;

    public JsonResponseWriter(PooledBufferWriter output)
    {
        _json = new Utf8JsonWriter(output, Options);
        _json.WriteStartObject();
    }

    public override void String(string name, string? value)
    {
        if (value is not null) _json.WriteString(name, value);
    }

    public override void Utf8String(string name, ReadOnlySpan<byte> utf8) => _json.WriteString(name, utf8);

    public override void Long(string name, long value) => _json.WriteNumber(name, value);

    public override void Bool(string name, bool value) => _json.WriteBoolean(name, value);

    public override void Blob(string name, ReadOnlySpan<byte> value) => _json.WriteBase64String(name, value);

    public override void StringList(string name, string xmlItem, IEnumerable<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var value in values) _json.WriteStringValue(value);
        _json.WriteEndArray();
    }

    public override void StringMap(string name, string xmlEntry, IEnumerable<KeyValuePair<string, string>> map, string xmlKey = "Name", string xmlValue = "Value")
    {
        _json.WriteStartObject(name);
        foreach (var (key, value) in map) _json.WriteString(key, value);
        _json.WriteEndObject();
    }

    public override void BeginList(string name, string xmlItem) => _json.WriteStartArray(name);

    public override void BeginItem() => _json.WriteStartObject();

    public override void EndItem() => _json.WriteEndObject();

    public override void EndList() => _json.WriteEndArray();

    public override void BeginMap(string name, string xmlEntry, string xmlKey = "Name", string xmlValue = "Value") => _json.WriteStartObject(name);

    public override void BeginMapValue(string key) => _json.WriteStartObject(key);

    public override void EndMapValue() => _json.WriteEndObject();

    public override void EndMap() => _json.WriteEndObject();

    /// <summary>Closes the object; the bytes are already in the buffer given to the constructor.</summary>
    public override void Finish(PooledBufferWriter output)
    {
        _json.WriteEndObject();
        _json.Flush();
    }

    public void Dispose() => _json.Dispose();
}
