using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// Re-serialises a policy the way SNS hands it to its rule compiler: compact, keys in their first position
/// with their last value (as a Jackson tree keeps duplicates), strings escaped as Jackson writes them.
/// Error locations SNS reports are columns into this text, so it must be reproduced exactly.
/// </summary>
internal static class PolicyText
{
    /// <summary>Jackson's default nesting limit.</summary>
    public const int MaxDepth = 1000;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };

    /// <summary>The compact text, or null when the input is not one well-formed JSON value.</summary>
    public static string? Normalize(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            var builder = new StringBuilder(json.Length);
            Write(builder, document.RootElement);
            return builder.ToString();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Invalid UTF-16 surfaces as ArgumentException or InvalidOperationException rather than JsonException.
            return null;
        }
    }

    private static void Write(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(builder, element);
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                        builder.Append(',');
                    first = false;
                    Write(builder, item);
                }
                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, element.GetString()!);
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonElement element)
    {
        var properties = new List<JsonProperty>();
        Dictionary<string, int>? positions = null;
        foreach (var property in element.EnumerateObject())
        {
            positions ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (positions.TryGetValue(property.Name, out var index))
            {
                properties[index] = property;
                continue;
            }
            positions[property.Name] = properties.Count;
            properties.Add(property);
        }

        builder.Append('{');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
                builder.Append(',');
            WriteString(builder, properties[i].Name);
            builder.Append(':');
            Write(builder, properties[i].Value);
        }
        builder.Append('}');
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < ' ')
                        builder.Append("\\u00").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}
