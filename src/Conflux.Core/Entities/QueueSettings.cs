namespace Conflux.Core.Entities;

/// <summary>How a queue (or a subscription's buffer) behaves. Defaults are the SQS defaults.</summary>
public sealed record QueueSettings
{
    /// <summary>Messages carry a group id and are delivered in order per group, one group holder at a time.</summary>
    public bool Ordered { get; init; }

    /// <summary>Lease length for a receive that does not name one (SQS visibility timeout, SB lock duration).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DeliveryDelay { get; init; }

    /// <summary>Messages older than this are removed (or dead-lettered when <see cref="DeadLetterOnExpiry"/>).</summary>
    public TimeSpan RetentionPeriod { get; init; } = TimeSpan.FromDays(4);

    /// <summary>Long-poll wait applied when a receive does not say.</summary>
    public TimeSpan ReceiveWaitTime { get; init; }

    public int MaxMessageBytes { get; init; } = 1024 * 1024;

    public DeadLetterPolicy? DeadLetter { get; init; }

    public bool DeadLetterOnExpiry { get; init; }

    /// <summary>Every send must be de-duplicated within <see cref="DeduplicationWindow"/> (SQS FIFO, SB duplicate detection).</summary>
    public bool RequiresDeduplication { get; init; }

    /// <summary>When no deduplication id is given, use the SHA-256 of the body.</summary>
    public bool ContentBasedDeduplication { get; init; }

    public TimeSpan DeduplicationWindow { get; init; } = TimeSpan.FromMinutes(5);

    public DeduplicationScope DeduplicationScope { get; init; } = DeduplicationScope.Queue;

    /// <summary>Most messages a receiver may hold leased at once (SQS: 120,000 standard, 20,000 FIFO).</summary>
    public int MaxInFlight { get; init; } = 120_000;
}

/// <summary>After <paramref name="MaxDeliveryCount"/> deliveries a message moves to <paramref name="TargetQueue"/>.</summary>
public sealed record DeadLetterPolicy(string TargetQueue, int MaxDeliveryCount);

public enum DeduplicationScope
{
    Queue = 0,
    Group = 1,
}
