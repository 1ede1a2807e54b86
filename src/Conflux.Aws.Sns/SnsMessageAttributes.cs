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
    /// <summary>What a raw delivery into an SQS queue can carry.</summary>
    public const int MaxRawAttributes = 10;

    /// <summary>
    /// Reads and validates the attributes. More than ten are accepted (the envelope carries them all);
    /// only raw delivery into a queue refuses them, as SNS does.
    /// </summary>
    public static (PropertyBag Properties, int Size) Read(RequestNode p)
    {
        var entries = p.StructMap("MessageAttributes", "MessageAttributes.entry", "Name", "Value");
        if (entries is null || entries.Count == 0) return (PropertyBag.Empty, 0);
        var items = new List<KeyValuePair<string, PropertyValue>>(entries.Count);
        var size = 0;
        foreach (var (name, node) in entries)
        {
            ValidateName(name);
            var dataType = node.String("DataType") ?? throw Invalid($"The message attribute '{name}' must contain non-empty message attribute type.");
            var dot = dataType.IndexOf('.');
            var prefix = dot < 0 ? dataType : dataType[..dot];
            var label = dot < 0 ? null : dataType[(dot + 1)..];
            if (label is { Length: 0 } || dataType.Length > 256 || prefix is not ("String" or "Number" or "Binary"))
                throw Invalid($"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(dataType);
            var text = node.String("StringValue");
            var bytes = node.Blob("BinaryValue");
            PropertyValue value;
            if (prefix == "Binary")
            {
                if (text is not null && bytes is null) throw Invalid($"The message attribute '{name}' with type 'Binary' must use field 'Binary'.");
                if (bytes is null || bytes.Length == 0) throw EmptyValue(name, prefix);
                value = PropertyValue.Binary(bytes, label);
                size += bytes.Length;
            }
            else
            {
                if (bytes is not null && text is null) throw Invalid($"The message attribute '{name}' with type '{prefix}' must use field 'String'.");
                if (string.IsNullOrEmpty(text)) throw EmptyValue(name, prefix);
                if (prefix == "Number" && !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    throw Invalid($"Could not cast message attribute '{name}' value to number.");
                if (prefix == "String" && label == "Array") ValidateArray(name, text);
                value = prefix == "Number" ? PropertyValue.Number(text, label) : PropertyValue.String(text, label);
                size += Encoding.UTF8.GetByteCount(text);
            }
            items.Add(new(name, value));
        }
        return (PropertyBag.From(items), size);
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0) throw Invalid("The message attribute name must not be empty.");
        if (Encoding.UTF8.GetByteCount(name) > 256) throw Invalid("Length of message attribute name must be less than 256 bytes.");
        if (name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
            throw Invalid($"The message attribute name '{name}' is reserved for use by Amazon.");
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw Invalid($"Invalid non-alphanumeric character '#x{(int)c:X}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.");
        }
        if (name[0] == '.') throw Invalid("Invalid message attribute name starting with character '.' was found.");
        if (name[^1] == '.') throw Invalid("Invalid message attribute name ending with character '.' was found.");
        if (name.Contains("..", StringComparison.Ordinal)) throw Invalid("Message attribute name can not have successive '.' character.");
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
        Invalid($"The message attribute '{name}' with type 'String.Array' has an invalid value. The value must be a JSON array of strings, numbers, booleans or null.");

    private static AwsServiceException EmptyValue(string name, string type) =>
        Invalid($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{type}'.");

    private static AwsServiceException Invalid(string message) => SnsErrors.ParameterValueInvalid(message);

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
