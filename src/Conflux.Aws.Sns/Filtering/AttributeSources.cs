using Conflux.Core.Messages;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>How an attribute takes part in matching, decided from its SNS data type.</summary>
internal enum AttributeKind : byte
{
    Absent,
    String,
    StringArray,
    Number,

    /// <summary>Binary attributes: SNS leaves them out of filtering, so they count as absent.</summary>
    Ignored,
}

/// <summary>Where attribute values come from; implemented by structs so matching stays allocation-free.</summary>
internal interface IAttributeSource
{
    AttributeKind Find(string name, out string? text);
}

internal readonly struct DictionaryAttributeSource(IReadOnlyDictionary<string, FilterAttribute> attributes) : IAttributeSource
{
    public AttributeKind Find(string name, out string? text)
    {
        if (!attributes.TryGetValue(name, out var attribute))
        {
            text = null;
            return AttributeKind.Absent;
        }
        text = attribute.StringValue;
        return Classify(attribute.DataType);
    }

    /// <summary>"String.Array" exactly; otherwise the part before any custom ".label" decides.</summary>
    private static AttributeKind Classify(string dataType)
    {
        if (dataType == "String.Array")
            return AttributeKind.StringArray;
        var dot = dataType.IndexOf('.', StringComparison.Ordinal);
        var baseType = dot < 0 ? dataType.AsSpan() : dataType.AsSpan(0, dot);
        return baseType switch
        {
            "Number" => AttributeKind.Number,
            "Binary" => AttributeKind.Ignored,
            _ => AttributeKind.String,
        };
    }
}

/// <summary>A core message's application properties, read as SNS message attributes.</summary>
internal readonly struct PropertyBagAttributeSource(PropertyBag properties) : IAttributeSource
{
    public AttributeKind Find(string name, out string? text)
    {
        if (!properties.TryGet(name, out var value))
        {
            text = null;
            return AttributeKind.Absent;
        }
        switch (value.Kind)
        {
            case PropertyKind.String:
                text = value.Text;
                return value.Label == "Array" ? AttributeKind.StringArray : AttributeKind.String;
            case PropertyKind.Number:
                text = value.Text;
                return AttributeKind.Number;
            case PropertyKind.Binary:
                text = null;
                return AttributeKind.Ignored;
            default:
                // Kinds other faces carry have no SNS type; their text form is matched as a string.
                text = value.Text ?? value.ToString();
                return AttributeKind.String;
        }
    }
}
