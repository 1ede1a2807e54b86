using System.Net;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// The POST requests SNS makes to HTTP/S subscribers, and how it reads their answers. Header names, values and which
/// message types carry which headers follow requests recorded from AWS.
/// </summary>
public static class SnsHttpRequests
{
    public const string DefaultContentType = "text/plain; charset=UTF-8";
    public const string UserAgent = "Amazon Simple Notification Service Agent";
    public const string MessageTypeHeader = "x-amz-sns-message-type";
    public const string MessageIdHeader = "x-amz-sns-message-id";
    public const string TopicArnHeader = "x-amz-sns-topic-arn";
    public const string SubscriptionArnHeader = "x-amz-sns-subscription-arn";
    public const string RawDeliveryHeader = "x-amz-sns-rawdelivery";

    /// <summary>SNS gives up on an attempt after 15 seconds and counts it as a failure to retry.</summary>
    public static TimeSpan AttemptTimeout { get; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Builds one delivery attempt. The subscription ARN header goes on notifications and unsubscribe confirmations
    /// (not on subscription confirmations); <paramref name="contentType"/> (the effective policy's headerContentType)
    /// and <paramref name="rawDelivery"/> apply to notifications only, confirmations are always text/plain JSON.
    /// </summary>
    public static HttpRequestMessage Create(
        Uri endpoint,
        SnsMessageType type,
        string messageId,
        string topicArn,
        string? subscriptionArn,
        ReadOnlyMemory<byte> body,
        string? contentType = null,
        bool rawDelivery = false)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(messageId);
        ArgumentNullException.ThrowIfNull(topicArn);
        var notification = type == SnsMessageType.Notification;
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", notification ? contentType ?? DefaultContentType : DefaultContentType);
        var headers = request.Headers;
        headers.TryAddWithoutValidation(MessageTypeHeader, SnsMessageTypeNames.Name(type));
        headers.TryAddWithoutValidation(MessageIdHeader, messageId);
        headers.TryAddWithoutValidation(TopicArnHeader, topicArn);
        if (subscriptionArn is not null && type != SnsMessageType.SubscriptionConfirmation)
            headers.TryAddWithoutValidation(SubscriptionArnHeader, subscriptionArn);
        if (rawDelivery && notification) headers.TryAddWithoutValidation(RawDeliveryHeader, "true");
        headers.TryAddWithoutValidation("User-Agent", UserAgent);
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip,deflate");
        return request;
    }

    /// <summary>
    /// SNS's reading of a status code: anything from 200 to 499 ends the attempts (2xx and 3xx as delivered, 4xx as a
    /// permanent failure), anything else (1xx, 5xx) is retried.
    /// </summary>
    public static SnsHttpOutcome Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 400 => SnsHttpOutcome.Delivered,
        >= 400 and < 500 => SnsHttpOutcome.Rejected,
        _ => SnsHttpOutcome.Retry,
    };
}
