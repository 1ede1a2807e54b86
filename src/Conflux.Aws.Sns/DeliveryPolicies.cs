using Conflux.Aws.Sns.Delivery;

namespace Conflux.Aws.Sns;

/// <summary>The face's view of HTTP/S delivery policies: validation errors as InvalidParameter, effective policies for reads and pushes.</summary>
internal static class DeliveryPolicies
{
    public static void ValidateTopic(string json) => Guard(() => SnsDeliveryPolicy.ParseTopic(json));

    public static void ValidateSubscription(string json) => Guard(() => SnsDeliveryPolicy.ParseSubscription(json));

    public static string NormalizeTopic(string json) => SnsDeliveryPolicy.ParseTopic(json)?.Json ?? json;

    public static string NormalizeSubscription(string json) => SnsDeliveryPolicy.ParseSubscription(json)?.Json ?? json;

    public static string EffectiveTopic(string? json) =>
        SnsDeliveryPolicy.ParseTopic(json)?.EffectiveJson ?? SnsTopicDeliveryPolicy.DefaultEffectiveJson;

    public static string EffectiveSubscription(string? topicJson, string? subscriptionJson) => For(topicJson, subscriptionJson).Json;

    /// <summary>The policy a push follows; stored policies were validated when set, so parsing cannot fail here.</summary>
    public static SnsDeliveryPolicy For(string? topicJson, string? subscriptionJson) =>
        SnsDeliveryPolicy.Effective(SnsDeliveryPolicy.ParseTopic(topicJson), SnsDeliveryPolicy.ParseSubscription(subscriptionJson));

    private static void Guard(Action parse)
    {
        try
        {
            parse();
        }
        catch (SnsDeliveryPolicyException error)
        {
            throw SnsErrors.InvalidParameter(error.Message);
        }
    }
}
