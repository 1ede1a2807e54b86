namespace Conflux.Core.Messages;

/// <summary>What a producer hands the engine; the engine assigns sequence number and enqueue time.</summary>
public sealed record MessageDraft
{
    /// <summary>Producer-chosen id (Service Bus MessageId); the engine generates a UUID when null.</summary>
    public string? MessageId { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    public PropertyBag Properties { get; init; } = PropertyBag.Empty;

    public PropertyBag SystemProperties { get; init; } = PropertyBag.Empty;

    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    /// <summary>Per-message delay; null uses the queue's delivery delay.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Absolute time to make the message visible (overrides <see cref="Delay"/>).</summary>
    public DateTimeOffset? ScheduledAt { get; init; }

    public TimeSpan? TimeToLive { get; init; }

    /// <summary>When the message becomes visible: the scheduled time, else now plus the delay (or the default).</summary>
    internal long VisibleAtMs(long nowMs, TimeSpan defaultDelay) =>
        ScheduledAt?.ToUnixTimeMilliseconds() ?? nowMs + (long)(Delay ?? defaultDelay).TotalMilliseconds;

    /// <summary>The message as stored, with the broker-assigned fields.</summary>
    internal Message ToMessage(long sequenceNumber, long nowMs, long visibleAtMs, string? deduplicationId) => new()
    {
        MessageId = MessageId ?? Uuid.NewString(),
        Body = Body,
        Properties = Properties,
        SystemProperties = SystemProperties,
        SequenceNumber = sequenceNumber,
        EnqueuedAtMs = nowMs,
        GroupId = GroupId,
        DeduplicationId = deduplicationId,
        ScheduledAtMs = visibleAtMs > nowMs ? visibleAtMs : 0,
        ExpiresAtMs = TimeToLive is { } ttl ? nowMs + (long)ttl.TotalMilliseconds : 0,
    };
}
