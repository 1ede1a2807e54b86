namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// A SubscriptionConfirmation or UnsubscribeConfirmation document. <see cref="SubscribeMessage"/> and
/// <see cref="UnsubscribeMessage"/> give the fixed Message texts SNS uses.
/// </summary>
public sealed record SnsConfirmation
{
    public required SnsMessageType Type
    {
        get;
        init => field = value == SnsMessageType.Notification
            ? throw new ArgumentOutOfRangeException(nameof(value), value, "A confirmation is a SubscriptionConfirmation or an UnsubscribeConfirmation.")
            : value;
    }

    public required string MessageId { get; init; }

    public required string Token { get; init; }

    public required string TopicArn { get; init; }

    public required string Message { get; init; }

    public required string SubscribeUrl { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public SnsSignature? Signature { get; init; }

    public SnsSignedFields SignedFields => new(Type, MessageId, Message, Timestamp, TopicArn, SubscribeUrl: SubscribeUrl, Token: Token);

    public SnsConfirmation Sign(SnsSigner signer, int signatureVersion, string signingCertUrl)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return this with { Signature = signer.CreateSignature(SignedFields, signatureVersion, signingCertUrl) };
    }

    public static string SubscribeMessage(string topicArn) =>
        $"You have chosen to subscribe to the topic {topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.";

    public static string UnsubscribeMessage(string subscriptionArn) =>
        $"You have chosen to deactivate subscription {subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.";
}
