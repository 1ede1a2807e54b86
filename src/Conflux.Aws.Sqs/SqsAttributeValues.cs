using System.Globalization;
using System.Text;
using Conflux.Aws.Protocol;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sqs;

/// <summary>
/// SQS message attributes ↔ core properties. SQS has three base types (String, Number, Binary) with an
/// optional custom label; properties set by other faces map onto the nearest of the three.
/// </summary>
internal static class SqsAttributeValues
{
    public const int MaxAttributes = 10;

    /// <summary>Parses and validates the MessageAttributes of a send; returns the bag and its size in bytes.</summary>
    public static (PropertyBag Bag, int Size) Parse(IReadOnlyList<KeyValuePair<string, RequestNode>>? attributes)
    {
        if (attributes is null || attributes.Count == 0) return (PropertyBag.Empty, 0);
        if (attributes.Count > MaxAttributes)
            throw CommonErrors.InvalidParameterValue($"Number of message attributes [{attributes.Count}] exceeds the allowed maximum [{MaxAttributes}].");
        var size = 0;
        var items = new List<KeyValuePair<string, PropertyValue>>(attributes.Count);
        foreach (var (name, node) in attributes)
        {
            ValidateName(name);
            var value = ParseValue(name, node, "Message (user) attribute");
            size += Encoding.UTF8.GetByteCount(name) + SizeOf(value);
            items.Add(new(name, value));
        }
        return (PropertyBag.From(items), size);
    }

    public static PropertyValue ParseValue(string name, RequestNode node, string what)
    {
        var dataType = node.String("DataType");
        if (string.IsNullOrEmpty(dataType)) throw CommonErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute type.");
        if (dataType.Length >= 256) throw CommonErrors.InvalidParameterValue("Message (user) attribute types must be shorter than 256 Bytes");
        var dot = dataType.IndexOf('.');
        var baseType = dot < 0 ? dataType : dataType[..dot];
        var label = dot < 0 ? null : dataType[(dot + 1)..];
        if (label is { Length: 0 }) throw CommonErrors.InvalidParameterValue($"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
        switch (baseType)
        {
            case "String":
            {
                var text = node.String("StringValue");
                if (string.IsNullOrEmpty(text)) throw CommonErrors.InvalidParameterValue($"{what} '{name}' must contain a non-empty value of type 'String'.");
                if (!SqsText.IsValid(text)) throw CommonErrors.InvalidParameterValue($"{what} '{name}' contains invalid characters.");
                return PropertyValue.String(text, label);
            }
            case "Number":
            {
                var text = node.String("StringValue");
                if (string.IsNullOrEmpty(text)) throw CommonErrors.InvalidParameterValue($"{what} '{name}' must contain a non-empty value of type 'Number'.");
                if (!IsValidNumber(text)) throw CommonErrors.InvalidParameterValue($"Can't cast the value of message (user) attribute '{name}' to a number.");
                return PropertyValue.Number(text, label);
            }
            case "Binary":
            {
                var bytes = node.Blob("BinaryValue");
                if (bytes is null || bytes.Length == 0) throw CommonErrors.InvalidParameterValue($"{what} '{name}' must contain a non-empty value of type 'Binary'.");
                return PropertyValue.Binary(bytes, label);
            }
            default:
                throw CommonErrors.InvalidParameterValue($"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
        }
    }

    private static void ValidateName(string name)
    {
        if (name.Length == 0) throw CommonErrors.InvalidParameterValue("The request must contain non-empty message attribute name.");
        if (name.Length >= 256) throw CommonErrors.InvalidParameterValue("Message (user) attribute names must be shorter than 256 Bytes");
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.') && c is not (>= '\u00c0' and <= '\u017f'))
                throw CommonErrors.InvalidParameterValue("Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ");
        }
        var lower = name.ToLowerInvariant();
        if (lower.StartsWith("aws.", StringComparison.Ordinal) || lower.StartsWith("amazon.", StringComparison.Ordinal) ||
            name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
            throw CommonErrors.InvalidParameterValue("You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.");
    }

    /// <summary>SQS numbers: up to 38 significant digits, magnitude between 10^-128 and 10^+126.</summary>
    private static bool IsValidNumber(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) &&
            !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return false;
        var digits = text.TakeWhile(c => c is not ('e' or 'E')).Count(char.IsAsciiDigit);
        if (digits > 38) return false;
        var parsed = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(parsed) && (parsed == 0 || (Math.Abs(parsed) < 1e126 && Math.Abs(parsed) > 1e-128));
    }

    public static int SizeOf(PropertyValue value)
    {
        var (dataType, binary, text) = Describe(value);
        return Encoding.UTF8.GetByteCount(dataType) + (binary?.Length ?? Encoding.UTF8.GetByteCount(text!));
    }

    /// <summary>The SQS data type and value of a property, whichever face set it.</summary>
    public static (string DataType, ReadOnlyMemory<byte>? Binary, string? Text) Describe(PropertyValue value)
    {
        var (baseType, binary, text) = value.Kind switch
        {
            PropertyKind.String or PropertyKind.Guid or PropertyKind.Uri or PropertyKind.Char or PropertyKind.Timestamp or PropertyKind.Duration
                => ("String", (ReadOnlyMemory<byte>?)null, value.ToString()),
            PropertyKind.Boolean => ("String", null, value.ToString()),
            PropertyKind.Binary => ("Binary", value.Bytes, null),
            PropertyKind.Null => ("String", null, ""),
            _ => ("Number", null, value.ToString()),
        };
        return (value.Label is null ? baseType : $"{baseType}.{value.Label}", binary, text);
    }

    /// <summary>Writes one attribute value structure (DataType + StringValue or BinaryValue).</summary>
    public static void Write(ResponseWriter writer, PropertyValue value)
    {
        var (dataType, binary, text) = Describe(value);
        if (binary is { } bytes) writer.Blob("BinaryValue", bytes.Span);
        else writer.String("StringValue", text);
        writer.String("DataType", dataType);
    }
}
