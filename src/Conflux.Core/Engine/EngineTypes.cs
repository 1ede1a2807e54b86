using Conflux.Core.Messages;

namespace Conflux.Core.Engine;

public sealed record ReceiveOptions
{
    public int MaxMessages { get; init; } = 1;

    /// <summary>Lease length; null uses the queue's visibility timeout.</summary>
    public TimeSpan? VisibilityTimeout { get; init; }

    /// <summary>Long-poll wait; null uses the queue's receive wait time.</summary>
    public TimeSpan? WaitTime { get; init; }

    /// <summary>Ordered queues: a retried receive with the same id within five minutes gets the same messages.</summary>
    public string? AttemptId { get; init; }
}

/// <summary>A leased message as handed to a receiver, with the delivery state at the moment of the lease.</summary>
public sealed record ReceivedMessage(
    Message Message,
    LeaseToken Lease,
    int DeliveryCount,
    long FirstDeliveredAtMs,
    long VisibleUntilMs);

public readonly record struct SendResult(string MessageId, long SequenceNumber, bool Duplicate);

public enum SettleOutcome
{
    Deleted,
    /// <summary>No such message (already deleted, moved or expired).</summary>
    NotFound,
    /// <summary>The message was delivered again after this lease.</summary>
    StaleLease,
    /// <summary>This lease ran out and an active lease was required.</summary>
    LeaseExpired,
}

public enum VisibilityOutcome
{
    Changed,
    NotFound,
    StaleLease,
    /// <summary>The lease already ran out (the message is visible or delayed).</summary>
    NotInFlight,
    /// <summary>The change would keep the message invisible longer than the maximum lease.</summary>
    LimitExceeded,
}

/// <summary>Message counts of a queue; "visible" includes messages paged out to disk.</summary>
public readonly record struct QueueStats(long Visible, long InFlight, long Delayed);
