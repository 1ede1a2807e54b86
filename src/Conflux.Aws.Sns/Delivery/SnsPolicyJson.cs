using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>Reading and writing DeliveryPolicy documents with SNS's error texts.</summary>
internal static class SnsPolicyJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static SnsDeliveryPolicyException Invalid(string detail) => new("Invalid parameter: DeliveryPolicy: " + detail);

    public static SnsDeliveryPolicyException Unexpected(string member) => Invalid("Unexpected JSON member: " + member);

    /// <summary>The root object of a policy document.</summary>
    public static JsonElement ParseObject(string json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw Invalid("failed to parse JSON");
        }
        if (root.ValueKind != JsonValueKind.Object) throw Invalid("failed to parse JSON");
        return root;
    }

    /// <summary>True for an object, false for null; anything else is a type mismatch.</summary>
    public static bool IsObject(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Object => true,
        JsonValueKind.Null => false,
        _ => throw Mismatch(path, "object", value),
    };

    public static int? Int(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when value.TryGetInt32(out var number) => number,
        _ => throw Mismatch(path, "integer", value),
    };

    public static bool? Bool(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Mismatch(path, "boolean", value),
    };

    public static string? String(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => throw Mismatch(path, "string", value),
    };

    /// <summary>Writes a compact document and returns it as text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) write(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static SnsDeliveryPolicyException Mismatch(string path, string expected, JsonValueKind kind) =>
        Invalid($"{path} type mismatch, expecting {expected}, received {Received(kind)}");

    private static SnsDeliveryPolicyException Mismatch(string path, string expected, JsonElement value) =>
        Mismatch(path, expected, value.ValueKind);

    private static string Received(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
