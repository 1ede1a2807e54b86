namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// One published message as every subscription's envelope shows it. Everything here, the signature included, is the
/// same for all subscriptions; only the UnsubscribeURL differs, and it is not signed, so a publish signs once (see
/// <see cref="Sign"/>) and renders per subscription with <see cref="SnsEnvelope"/>.
/// </summary>
public sealed record SnsNotification
{
    public required string MessageId { get; init; }

    public required string TopicArn { get; init; }

    /// <summary>Absent from the envelope and the signed string when null.</summary>
    public string? Subject { get; init; }

    public required string Message { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>FIFO topics only; written right after MessageId.</summary>
    public string? SequenceNumber { get; init; }

    /// <summary>Written last, in this order, only when there are any.</summary>
    public IReadOnlyList<SnsMessageAttribute> MessageAttributes { get; init; } = [];

    /// <summary>Null leaves SignatureVersion, Signature and SigningCertURL out, as SNS does for FIFO topics.</summary>
    public SnsSignature? Signature { get; init; }

    public SnsSignedFields SignedFields => new(SnsMessageType.Notification, MessageId, Message, Timestamp, TopicArn, Subject);

    /// <summary>A copy carrying a signature made with <paramref name="signer"/>.</summary>
    public SnsNotification Sign(SnsSigner signer, int signatureVersion, string signingCertUrl)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return this with { Signature = signer.CreateSignature(SignedFields, signatureVersion, signingCertUrl) };
    }
}
