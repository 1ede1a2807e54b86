namespace Conflux.Aws.Sns.Delivery;

/// <summary>What an HTTP/S endpoint's answer means for a delivery.</summary>
public enum SnsHttpOutcome
{
    /// <summary>Done.</summary>
    Delivered,

    /// <summary>A client error: SNS does not retry it; the message goes to the dead-letter queue, if any.</summary>
    Rejected,

    /// <summary>A server-side failure: retry under the delivery policy.</summary>
    Retry,
}
