namespace Conflux.Aws.Protocol;

/// <summary>
/// Writes a response shape once for both protocols. Names are the JSON member names; the XML names of
/// flattened list items and map entries are passed alongside (query responses flatten them).
/// </summary>
public abstract class ResponseWriter
{
    public abstract void String(string name, string? value);

    /// <summary>A string member given as valid UTF-8 (a message body), written without decoding it.</summary>
    public abstract void Utf8String(string name, ReadOnlySpan<byte> utf8);

    public abstract void Long(string name, long value);

    public abstract void Bool(string name, bool value);

    public abstract void Blob(string name, ReadOnlySpan<byte> value);

    public abstract void StringList(string name, string xmlItem, IEnumerable<string> values);

    public abstract void StringMap(string name, string xmlEntry, IEnumerable<KeyValuePair<string, string>> map, string xmlKey = "Name", string xmlValue = "Value");

    /// <summary>Starts a list of structures: call <see cref="BeginItem"/>/<see cref="EndItem"/> per item.</summary>
    public abstract void BeginList(string name, string xmlItem);

    public abstract void BeginItem();

    public abstract void EndItem();

    public abstract void EndList();

    /// <summary>Starts a map of structures: call <see cref="BeginMapValue"/>/<see cref="EndMapValue"/> per entry.</summary>
    public abstract void BeginMap(string name, string xmlEntry, string xmlKey = "Name", string xmlValue = "Value");

    public abstract void BeginMapValue(string key);

    public abstract void EndMapValue();

    public abstract void EndMap();

    /// <summary>Writes the finished document (envelope included) into <paramref name="output"/>.</summary>
    public abstract void Finish(PooledBufferWriter output);
}
