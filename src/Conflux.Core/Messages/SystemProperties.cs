namespace Conflux.Core.Messages;

/// <summary>Names of broker-level properties shared by the faces.</summary>
public static class SystemProperties
{
    /// <summary>Distributed-trace header (SQS AWSTraceHeader, W3C traceparent carried by AMQP).</summary>
    public const string TraceHeader = "trace-header";

    /// <summary>Identity of the sender (SQS SenderId), as resolved by the face's authentication.</summary>
    public const string SenderId = "sender-id";

    /// <summary>Name of the entity a dead-lettered message came from.</summary>
    public const string DeadLetterSource = "dead-letter-source";

    /// <summary>Why a message was dead-lettered (MaxDeliveryCountExceeded, TTLExpiredException, or a caller's reason).</summary>
    public const string DeadLetterReason = "dead-letter-reason";

    public const string DeadLetterDescription = "dead-letter-description";

    public const string ContentType = "content-type";

    public const string CorrelationId = "correlation-id";

    public const string Subject = "subject";
}
