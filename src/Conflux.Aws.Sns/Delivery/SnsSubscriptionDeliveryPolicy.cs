using System.Text.Json;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// A subscription's DeliveryPolicy attribute: <c>{"healthyRetryPolicy":{...},"throttlePolicy":{...},
/// "requestPolicy":{...}}</c> (plus the legacy sicklyRetryPolicy and guaranteed members SNS still echoes).
/// </summary>
public sealed class SnsSubscriptionDeliveryPolicy
{
    private SnsSubscriptionDeliveryPolicy()
    {
        Json = "";
    }

    public SnsRetryPolicy? HealthyRetryPolicy { get; private set; }

    public SnsRetryPolicy? SicklyRetryPolicy { get; private set; }

    public int? MaxReceivesPerSecond { get; private set; }

    public string? HeaderContentType { get; private set; }

    public bool Guaranteed { get; private set; }

    /// <summary>The policy as SNS stores and returns it: every member present, absent ones as null.</summary>
    public string Json { get; private set; }

    /// <summary>Parses and validates a subscription DeliveryPolicy; null or blank text (which clears the attribute) gives null.</summary>
    /// <exception cref="SnsDeliveryPolicyException">The policy is invalid; the message is SNS's InvalidParameter text.</exception>
    public static SnsSubscriptionDeliveryPolicy? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        JsonElement? healthy = null, sickly = null, throttle = null, request = null;
        bool? guaranteed = null;
        foreach (var member in SnsPolicyJson.ParseObject(json).EnumerateObject())
        {
            switch (member.Name)
            {
                case "healthyRetryPolicy": healthy = ObjectOrNull(member.Value, member.Name); break;
                case "sicklyRetryPolicy": sickly = ObjectOrNull(member.Value, member.Name); break;
                case "throttlePolicy": throttle = ObjectOrNull(member.Value, member.Name); break;
                case "requestPolicy": request = ObjectOrNull(member.Value, member.Name); break;
                case "guaranteed": guaranteed = SnsPolicyJson.Bool(member.Value, member.Name); break;
                default: throw SnsPolicyJson.Unexpected(member.Name);
            }
        }

        var policy = new SnsSubscriptionDeliveryPolicy { Guaranteed = guaranteed ?? false };
        policy.Json = SnsPolicyJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("healthyRetryPolicy");
            if (healthy is { } h) policy.HealthyRetryPolicy = SnsRetryPolicy.Read(h, "healthyRetryPolicy", writer);
            else writer.WriteNullValue();
            writer.WritePropertyName("sicklyRetryPolicy");
            if (sickly is { } s) policy.SicklyRetryPolicy = SnsRetryPolicy.Read(s, "sicklyRetryPolicy", writer);
            else writer.WriteNullValue();
            writer.WritePropertyName("throttlePolicy");
            if (throttle is { } t) policy.MaxReceivesPerSecond = SnsPolicyParts.ReadThrottle(t, "throttlePolicy", writer);
            else writer.WriteNullValue();
            writer.WritePropertyName("requestPolicy");
            if (request is { } r) policy.HeaderContentType = SnsPolicyParts.ReadRequest(r, "requestPolicy", writer);
            else writer.WriteNullValue();
            writer.WriteBoolean("guaranteed", policy.Guaranteed);
            writer.WriteEndObject();
        });
        return policy;
    }

    private static JsonElement? ObjectOrNull(JsonElement value, string path) => SnsPolicyJson.IsObject(value, path) ? value : null;
}
