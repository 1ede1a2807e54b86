using System.Text.Json;
using System.Text.RegularExpressions;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>Loads the corpus files under Filtering/Data and the recorded AWS snapshot.</summary>
internal static partial class FilterTestData
{
    private static readonly Lazy<JsonDocument> SnapshotDocument = new(() => Load("test_sns_filter_policy.snapshot.json"));

    public static JsonElement Snapshot => SnapshotDocument.Value.RootElement;

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Filtering", "Data", file);

    public static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(PathOf(file)));

    /// <summary>The recorded-content of one snapshot key, if it was recorded.</summary>
    public static bool TryGetRecorded(string testId, string key, out JsonElement recorded)
    {
        recorded = default;
        return Snapshot.TryGetProperty(testId, out var test)
            && test.GetProperty("recorded-content").TryGetProperty(key, out recorded);
    }

    /// <summary>SNS message attributes in the shape publish takes them ({"name": {"DataType", "StringValue"}}).</summary>
    public static Dictionary<string, FilterAttribute> Attributes(JsonElement attributes)
    {
        var result = new Dictionary<string, FilterAttribute>(StringComparer.Ordinal);
        foreach (var attribute in attributes.EnumerateObject())
        {
            var value = attribute.Value;
            var type = value.TryGetProperty("DataType", out var dataType) ? dataType : value.GetProperty("Type");
            var text = value.TryGetProperty("StringValue", out var stringValue) ? stringValue : value.GetProperty("Value");
            result[attribute.Name] = new FilterAttribute(
                type.GetString()!,
                text.ValueKind == JsonValueKind.String ? text.GetString() : text.GetRawText());
        }
        return result;
    }

    /// <summary>
    /// The published message inside a received SQS body: the body itself with raw delivery, otherwise the
    /// "Message" of the SNS notification envelope. The snapshot stores JSON text already decoded.
    /// </summary>
    public static JsonElement PublishedMessage(JsonElement sqsBody)
    {
        var body = Decoded(sqsBody);
        if (body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("Type", out var type) && type.GetString() == "Notification"
            && body.TryGetProperty("Message", out var message))
        {
            return Decoded(message);
        }
        return body;
    }

    private static JsonElement Decoded(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? JsonDocument.Parse(value.GetString()!).RootElement : value;

    /// <summary>
    /// Structural equality where the snapshot's normalised placeholders ("date", "&lt;uuid:1&gt;",
    /// "&lt;resource:1&gt;", partitions in ARNs) stand for any string.
    /// </summary>
    public static bool LooselyEquals(JsonElement recorded, JsonElement actual)
    {
        if (recorded.ValueKind == JsonValueKind.String && actual.ValueKind == JsonValueKind.String)
        {
            var text = recorded.GetString()!;
            return text == "date" || Placeholder().IsMatch(text) || text == actual.GetString();
        }
        if (recorded.ValueKind != actual.ValueKind)
            return false;
        switch (recorded.ValueKind)
        {
            case JsonValueKind.Object:
                var actualCount = actual.EnumerateObject().Count();
                var recordedCount = 0;
                foreach (var property in recorded.EnumerateObject())
                {
                    recordedCount++;
                    if (!actual.TryGetProperty(property.Name, out var other) || !LooselyEquals(property.Value, other))
                        return false;
                }
                return recordedCount == actualCount;
            case JsonValueKind.Array:
                var left = recorded.EnumerateArray().ToList();
                var right = actual.EnumerateArray().ToList();
                return left.Count == right.Count && left.Zip(right).All(p => LooselyEquals(p.First, p.Second));
            case JsonValueKind.Number:
                return recorded.GetDecimal() == actual.GetDecimal();
            default:
                return true;
        }
    }

    [GeneratedRegex("<[a-z0-9-]+(:[0-9]+)?>")]
    private static partial Regex Placeholder();
}
