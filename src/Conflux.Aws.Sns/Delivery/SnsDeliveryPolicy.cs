namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// The delivery policy an HTTP/S subscription actually runs under: its own DeliveryPolicy over its topic's (unless the
/// topic sets disableSubscriptionOverrides) over SNS's defaults, member by member.
/// </summary>
public sealed class SnsDeliveryPolicy
{
    private SnsDeliveryPolicy(SnsRetryPolicy retryPolicy, SnsRetryPolicy? sicklyRetryPolicy, int? maxReceivesPerSecond, string headerContentType, bool guaranteed)
    {
        RetryPolicy = retryPolicy;
        SicklyRetryPolicy = sicklyRetryPolicy;
        MaxReceivesPerSecond = maxReceivesPerSecond;
        HeaderContentType = headerContentType;
        Guaranteed = guaranteed;
        Json = SnsPolicyJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("healthyRetryPolicy");
            retryPolicy.WriteEffective(writer);
            writer.WritePropertyName("sicklyRetryPolicy");
            if (sicklyRetryPolicy is null) writer.WriteNullValue();
            else sicklyRetryPolicy.WriteEffective(writer);
            writer.WritePropertyName("throttlePolicy");
            if (maxReceivesPerSecond is { } rate) SnsPolicyParts.WriteThrottle(writer, rate);
            else writer.WriteNullValue();
            writer.WritePropertyName("requestPolicy");
            SnsPolicyParts.WriteRequest(writer, headerContentType);
            writer.WriteBoolean("guaranteed", guaranteed);
            writer.WriteEndObject();
        });
    }

    /// <summary>What a subscription gets when neither it nor its topic has a DeliveryPolicy.</summary>
    public static SnsDeliveryPolicy Default { get; } = Effective(null, null);

    public SnsRetryPolicy RetryPolicy { get; }

    public SnsRetryPolicy? SicklyRetryPolicy { get; }

    /// <summary>Deliveries per second allowed to the subscription; null for unthrottled.</summary>
    public int? MaxReceivesPerSecond { get; }

    /// <summary>Content-Type of notification requests ("text/plain; charset=UTF-8" unless a policy says otherwise).</summary>
    public string HeaderContentType { get; }

    public bool Guaranteed { get; }

    /// <summary>The subscription's EffectiveDeliveryPolicy attribute.</summary>
    public string Json { get; }

    /// <inheritdoc cref="SnsRetryPolicy.DelayBeforeRetry"/>
    public TimeSpan? DelayBeforeRetry(int retryNumber) => RetryPolicy.DelayBeforeRetry(retryNumber);

    /// <inheritdoc cref="SnsTopicDeliveryPolicy.Parse"/>
    public static SnsTopicDeliveryPolicy? ParseTopic(string? json) => SnsTopicDeliveryPolicy.Parse(json);

    /// <inheritdoc cref="SnsSubscriptionDeliveryPolicy.Parse"/>
    public static SnsSubscriptionDeliveryPolicy? ParseSubscription(string? json) => SnsSubscriptionDeliveryPolicy.Parse(json);

    public static SnsDeliveryPolicy Effective(SnsTopicDeliveryPolicy? topic, SnsSubscriptionDeliveryPolicy? subscription)
    {
        var own = topic?.DisableSubscriptionOverrides == true ? null : subscription;
        return new SnsDeliveryPolicy(
            own?.HealthyRetryPolicy ?? topic?.HealthyRetryPolicy ?? SnsRetryPolicy.Default,
            own?.SicklyRetryPolicy,
            own?.MaxReceivesPerSecond ?? topic?.MaxReceivesPerSecond,
            own?.HeaderContentType ?? topic?.HeaderContentType ?? SnsPolicyParts.DefaultContentType,
            own?.Guaranteed ?? false);
    }
}
