using System.Text.Json;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// A topic's DeliveryPolicy attribute: <c>{"http":{"defaultHealthyRetryPolicy":{...},"disableSubscriptionOverrides":b,
/// "defaultThrottlePolicy":{...},"defaultRequestPolicy":{...}}}</c>, validated with SNS's rules and messages.
/// </summary>
public sealed class SnsTopicDeliveryPolicy
{
    private const string HttpPath = "http";

    private SnsTopicDeliveryPolicy()
    {
        Json = "";
    }

    /// <summary>EffectiveDeliveryPolicy of a topic without a DeliveryPolicy.</summary>
    public static string DefaultEffectiveJson { get; } = EffectiveJsonOf(null);

    public SnsRetryPolicy? HealthyRetryPolicy { get; private set; }

    public SnsRetryPolicy? SicklyRetryPolicy { get; private set; }

    public bool DisableSubscriptionOverrides { get; private set; }

    public int? MaxReceivesPerSecond { get; private set; }

    public string? HeaderContentType { get; private set; }

    /// <summary>The policy as SNS stores and returns it in the DeliveryPolicy attribute (normalised, members in SNS's order).</summary>
    public string Json { get; private set; }

    /// <summary>The topic's EffectiveDeliveryPolicy attribute: this policy over SNS's defaults.</summary>
    public string EffectiveJson => EffectiveJsonOf(this);

    /// <summary>Parses and validates a topic DeliveryPolicy; null or blank text (which clears the attribute) gives null.</summary>
    /// <exception cref="SnsDeliveryPolicyException">The policy is invalid; the message is SNS's InvalidParameter text.</exception>
    public static SnsTopicDeliveryPolicy? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        JsonElement? http = null;
        foreach (var member in SnsPolicyJson.ParseObject(json).EnumerateObject())
        {
            if (member.Name != HttpPath) throw SnsPolicyJson.Unexpected(member.Name);
            http = SnsPolicyJson.IsObject(member.Value, HttpPath) ? member.Value : null;
        }

        JsonElement? healthy = null, sickly = null, throttle = null, request = null;
        bool? disable = null;
        if (http is { } httpElement)
        {
            foreach (var member in httpElement.EnumerateObject())
            {
                var path = HttpPath + "." + member.Name;
                switch (member.Name)
                {
                    case "defaultHealthyRetryPolicy": healthy = ObjectOrNull(member.Value, path); break;
                    case "defaultSicklyRetryPolicy": sickly = ObjectOrNull(member.Value, path); break;
                    case "disableSubscriptionOverrides": disable = SnsPolicyJson.Bool(member.Value, path); break;
                    case "defaultThrottlePolicy": throttle = ObjectOrNull(member.Value, path); break;
                    case "defaultRequestPolicy": request = ObjectOrNull(member.Value, path); break;
                    default: throw SnsPolicyJson.Unexpected(member.Name);
                }
            }
        }

        var policy = new SnsTopicDeliveryPolicy { DisableSubscriptionOverrides = disable ?? false };
        policy.Json = SnsPolicyJson.Write(writer =>
        {
            writer.WriteStartObject();
            if (http is not null)
            {
                writer.WriteStartObject(HttpPath);
                if (healthy is { } h)
                {
                    writer.WritePropertyName("defaultHealthyRetryPolicy");
                    policy.HealthyRetryPolicy = SnsRetryPolicy.Read(h, "http.defaultHealthyRetryPolicy", writer);
                }
                if (sickly is { } s)
                {
                    writer.WritePropertyName("defaultSicklyRetryPolicy");
                    policy.SicklyRetryPolicy = SnsRetryPolicy.Read(s, "http.defaultSicklyRetryPolicy", writer);
                }
                writer.WriteBoolean("disableSubscriptionOverrides", policy.DisableSubscriptionOverrides);
                if (throttle is { } t)
                {
                    writer.WritePropertyName("defaultThrottlePolicy");
                    policy.MaxReceivesPerSecond = SnsPolicyParts.ReadThrottle(t, "http.defaultThrottlePolicy", writer);
                }
                if (request is { } r)
                {
                    writer.WritePropertyName("defaultRequestPolicy");
                    policy.HeaderContentType = SnsPolicyParts.ReadRequest(r, "http.defaultRequestPolicy", writer);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        });
        return policy;
    }

    /// <summary>The EffectiveDeliveryPolicy of a topic with the given policy (null for none).</summary>
    public static string EffectiveJsonOf(SnsTopicDeliveryPolicy? policy) => SnsPolicyJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject(HttpPath);
        writer.WritePropertyName("defaultHealthyRetryPolicy");
        (policy?.HealthyRetryPolicy ?? SnsRetryPolicy.Default).WriteEffective(writer);
        writer.WriteBoolean("disableSubscriptionOverrides", policy?.DisableSubscriptionOverrides ?? false);
        if (policy?.MaxReceivesPerSecond is { } rate)
        {
            writer.WritePropertyName("defaultThrottlePolicy");
            SnsPolicyParts.WriteThrottle(writer, rate);
        }
        writer.WritePropertyName("defaultRequestPolicy");
        SnsPolicyParts.WriteRequest(writer, policy?.HeaderContentType ?? SnsPolicyParts.DefaultContentType);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static JsonElement? ObjectOrNull(JsonElement value, string path) => SnsPolicyJson.IsObject(value, path) ? value : null;
}
