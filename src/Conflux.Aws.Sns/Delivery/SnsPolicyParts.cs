using System.Net.Http.Headers;
using System.Text.Json;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>The throttle and request sub-policies, shared by the topic and subscription documents.</summary>
internal static class SnsPolicyParts
{
    public const string DefaultContentType = "text/plain; charset=UTF-8";

    public static int ReadThrottle(JsonElement element, string path, Utf8JsonWriter stored)
    {
        int? rate = null;
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name != "maxReceivesPerSecond") throw SnsPolicyJson.Unexpected(member.Name);
            rate = SnsPolicyJson.Int(member.Value, path + ".maxReceivesPerSecond");
        }
        if (rate is null) throw SnsPolicyJson.Invalid($"{path}.maxReceivesPerSecond must be specified");
        if (rate < 1) throw SnsPolicyJson.Invalid($"{path}.maxReceivesPerSecond must be greater than or equal to 1");
        WriteThrottle(stored, rate.Value);
        return rate.Value;
    }

    public static string? ReadRequest(JsonElement element, string path, Utf8JsonWriter stored)
    {
        string? contentType = null;
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name != "headerContentType") throw SnsPolicyJson.Unexpected(member.Name);
            contentType = SnsPolicyJson.String(member.Value, path + ".headerContentType");
        }
        // SNS documents a list of media types but takes others (text/csv); only malformed values are refused here.
        if (contentType is not null && (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType?.Contains('/', StringComparison.Ordinal) != true))
            throw SnsPolicyJson.Invalid($"{path}.headerContentType must be a valid content type");
        stored.WriteStartObject();
        if (contentType is not null) stored.WriteString("headerContentType", contentType);
        stored.WriteEndObject();
        return contentType;
    }

    public static void WriteThrottle(Utf8JsonWriter writer, int rate)
    {
        writer.WriteStartObject();
        writer.WriteNumber("maxReceivesPerSecond", rate);
        writer.WriteEndObject();
    }

    public static void WriteRequest(Utf8JsonWriter writer, string contentType)
    {
        writer.WriteStartObject();
        writer.WriteString("headerContentType", contentType);
        writer.WriteEndObject();
    }
}
