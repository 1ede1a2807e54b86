namespace Conflux.Aws.Sns.Delivery;

/// <summary>The three kinds of document SNS posts to HTTP/S endpoints (the Type field and x-amz-sns-message-type header).</summary>
public enum SnsMessageType
{
    Notification,
    SubscriptionConfirmation,
    UnsubscribeConfirmation,
}
