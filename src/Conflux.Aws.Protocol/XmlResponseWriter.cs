using System.Globalization;

namespace Conflux.Aws.Protocol;

/// <summary>
/// The query protocol's XML: &lt;ActionResponse xmlns=…&gt;&lt;ActionResult&gt;…&lt;/ActionResult&gt;&lt;ResponseMetadata&gt;…
/// SQS flattens lists and maps (repeated item elements); SNS wraps them (&lt;Topics&gt;&lt;member&gt;…,
/// &lt;Attributes&gt;&lt;entry&gt;&lt;key&gt;…), so <paramref name="flattened"/> follows the service's model.
/// </summary>
public sealed class XmlResponseWriter(string action, string xmlNamespace, string requestId, bool hasResult, bool flattened = true) : ResponseWriter, IDisposable
{
    private readonly Xml _body = new();
    private readonly Stack<(string Name, string Entry, string Key, string Value)> _maps = new();
    private readonly Stack<(string Name, string Item)> _lists = new();

    public override void String(string name, string? value)
    {
        if (value is not null) _body.Element(name, value);
    }

    public override void Utf8String(string name, ReadOnlySpan<byte> utf8)
    {
        _body.Open(name);
        _body.Text(utf8);
        _body.Close(name);
    }

    public override void Long(string name, long value) => _body.Element(name, value.ToString(CultureInfo.InvariantCulture));

    public override void Bool(string name, bool value) => _body.Element(name, value ? "true" : "false");

    public override void Blob(string name, ReadOnlySpan<byte> value) => _body.Element(name, Convert.ToBase64String(value));

    public override void StringList(string name, string xmlItem, IEnumerable<string> values)
    {
        if (!flattened) _body.Open(name);
        foreach (var value in values) _body.Element(xmlItem, value);
        if (!flattened) _body.Close(name);
    }

    public override void StringMap(string name, string xmlEntry, IEnumerable<KeyValuePair<string, string>> map, string xmlKey = "Name", string xmlValue = "Value")
    {
        if (!flattened) _body.Open(name);
        foreach (var (key, value) in map)
        {
            _body.Open(xmlEntry);
            _body.Element(xmlKey, key);
            _body.Element(xmlValue, value);
            _body.Close(xmlEntry);
        }
        if (!flattened) _body.Close(name);
    }

    public override void BeginList(string name, string xmlItem)
    {
        if (!flattened) _body.Open(name);
        _lists.Push((name, xmlItem));
    }

    public override void BeginItem() => _body.Open(_lists.Peek().Item);

    public override void EndItem() => _body.Close(_lists.Peek().Item);

    public override void EndList()
    {
        var (name, _) = _lists.Pop();
        if (!flattened) _body.Close(name);
    }

    public override void BeginMap(string name, string xmlEntry, string xmlKey = "Name", string xmlValue = "Value")
    {
        if (!flattened) _body.Open(name);
        _maps.Push((name, xmlEntry, xmlKey, xmlValue));
    }

    public override void BeginMapValue(string key)
    {
        var (_, entry, keyName, valueName) = _maps.Peek();
        _body.Open(entry);
        _body.Element(keyName, key);
        _body.Open(valueName);
    }

    public override void EndMapValue()
    {
        var (_, entry, _, valueName) = _maps.Peek();
        _body.Close(valueName);
        _body.Close(entry);
    }

    public override void EndMap()
    {
        var (name, _, _, _) = _maps.Pop();
        if (!flattened) _body.Close(name);
    }

    public override void Finish(PooledBufferWriter output)
    {
        var doc = new Xml(output);
        doc.Raw("<?xml version=\"1.0\"?>");
        doc.Raw($"<{action}Response xmlns=\"{xmlNamespace}\">");
        if (hasResult)
        {
            doc.Open($"{action}Result");
            doc.Raw(_body.Buffer.WrittenSpan);
            doc.Close($"{action}Result");
        }
        doc.Raw("<ResponseMetadata>");
        doc.Element("RequestId", requestId);
        doc.Raw("</ResponseMetadata>");
        doc.Close($"{action}Response");
    }

    /// <summary>The XML error document of the query protocol.</summary>
    public static void WriteError(PooledBufferWriter output, string xmlNamespace, AwsServiceException error, string requestId)
    {
        var doc = new Xml(output);
        doc.Raw("<?xml version=\"1.0\"?>");
        doc.Raw($"<ErrorResponse xmlns=\"{xmlNamespace}\">");
        doc.Open("Error");
        doc.Element("Type", error.SenderFault ? "Sender" : "Receiver");
        doc.Element("Code", error.Code);
        doc.Element("Message", error.Message);
        doc.Raw("<Detail/>");
        doc.Close("Error");
        doc.Element("RequestId", requestId);
        doc.Close("ErrorResponse");
    }

    public void Dispose() => _body.Buffer.Dispose();
}
