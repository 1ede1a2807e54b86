using System.Globalization;
using System.Text;
using System.Text.Json;
using Conflux.Aws.Protocol;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns;

/// <summary>
/// Message attributes as SNS validates them, carried as engine properties: the kind is the type
/// prefix (String, Number, Binary) and the label the rest ("Array" for String.Array, custom labels).
/// </summary>
internal static class SnsMessageAttributes
{
    public const int MaxAttributes = 10;

    public static (PropertyBag Properties, int Size) Read(RequestNode p)
    {
        var entries = p.StructMap("MessageAttributes", "MessageAttributes.entry", "Name", "Value");
        if (entries is null || entries.Count == 0) return (PropertyBag.Empty, 0);
        if (entries.Count > MaxAttributes)
            throw SnsErrors.InvalidParameter($"Invalid parameter: MessageAttributes Reason: Number of message attributes [{entries.Count}] exceeds the allowed maximum [{MaxAttributes}].");
        var items = new List<KeyValuePair<string, PropertyValue>>(entries.Count);
        var size = 0;
        foreach (var (name, node) in entries)
        {
            ValidateName(name);
            var dataType = node.String("DataType") ?? throw Reason($"The message attribute '{name}' must contain non-empty message attribute type.");
            var dot = dataType.IndexOf('.');
            var prefix = dot < 0 ? dataType : dataType[..dot];
            var label = dot < 0 ? null : dataType[(dot + 1)..];
            if (label is { Length: 0 } || dataType.Length > 256) throw Reason($"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(dataType);
            PropertyValue value;
            switch (prefix)
            {
                case "String":
                    var text = node.String("StringValue");
                    if (string.IsNullOrEmpty(text)) throw EmptyValue(name, dataType);
                    if (label == "Array") ValidateArray(name, text);
                    value = PropertyValue.String(text, label);
                    size += Encoding.UTF8.GetByteCount(text);
                    break;
                case "Number":
                    var number = node.String("StringValue");
                    if (string.IsNullOrEmpty(number)) throw EmptyValue(name, dataType);
                    if (!decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                        throw Reason($"Could not cast message attribute '{name}' value to number.");
                    value = PropertyValue.Number(number, label);
                    size += number.Length;
                    break;
                case "Binary":
                    var bytes = node.Blob("BinaryValue");
                    if (bytes is null || bytes.Length == 0) throw EmptyValue(name, dataType);
                    value = PropertyValue.Binary(bytes, label);
                    size += bytes.Length;
                    break;
                default:
                    throw Reason($"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
            items.Add(new(name, value));
        }
        return (PropertyBag.From(items), size);
    }

    private static void ValidateName(string name)
    {
        if (name.Length is 0 or > 256) throw Reason("Message attribute name must be between 1 and 256 characters long.");
        if (name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
            throw Reason($"The message attribute name '{name}' is reserved for use by Amazon.");
        if (name[0] == '.' || name[^1] == '.' || name.Contains("..", StringComparison.Ordinal))
            throw Reason($"The message attribute name '{name}' cannot start or end with a period or contain consecutive periods.");
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw Reason($"Invalid non-alphanumeric character '#x{(int)c:X}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.");
        }
    }

    private static void ValidateArray(string name, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw InvalidArray(name);
            foreach (var item in doc.RootElement.EnumerateArray())
                if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array) throw InvalidArray(name);
        }
        catch (JsonException)
        {
            throw InvalidArray(name);
        }
    }

    private static AwsServiceException InvalidArray(string name) =>
        SnsErrors.ParameterValueInvalid($"The message attribute '{name}' with type 'String.Array' has an invalid value. The value must be a JSON array of strings, numbers, booleans or null.");

    private static AwsServiceException EmptyValue(string name, string dataType) =>
        Reason($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{dataType}'.");

    private static AwsServiceException Reason(string reason) => SnsErrors.InvalidParameter($"Invalid parameter: MessageAttributes Reason: {reason}");

    /// <summary>The SNS data type of a stored property ("String.Array", "Number.float").</summary>
    public static string DataType(PropertyValue value)
    {
        var prefix = value.Kind switch
        {
            PropertyKind.Binary => "Binary",
            PropertyKind.Number => "Number",
            _ => "String",
        };
        return value.Label is null ? prefix : $"{prefix}.{value.Label}";
    }
}
