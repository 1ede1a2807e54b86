namespace Conflux.Core.Messages;

/// <summary>
/// A message as stored in an entity. Immutable: delivery state (lease, delivery count) lives with the
/// queue, and moving a message to another entity produces a copy with that entity's sequence number.
/// Times are Unix milliseconds.
/// </summary>
public sealed record Message
{
    public required string MessageId { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Application properties (SQS message attributes, AMQP application-properties).</summary>
    public PropertyBag Properties { get; init; } = PropertyBag.Empty;

    /// <summary>
    /// System properties set by producers or the broker (trace header, content type, correlation id,
    /// dead-letter source and reason…). Names are in <see cref="SystemProperties"/>.
    /// </summary>
    public PropertyBag SystemProperties { get; init; } = PropertyBag.Empty;

    /// <summary>Per-entity, strictly increasing sequence number assigned on enqueue.</summary>
    public long SequenceNumber { get; init; }

    public long EnqueuedAtMs { get; init; }

    /// <summary>Ordered group (SQS MessageGroupId, Service Bus SessionId), or null.</summary>
    public string? GroupId { get; init; }

    public string? DeduplicationId { get; init; }

    /// <summary>When the message first becomes visible (delivery delay / scheduled enqueue); 0 for at once.</summary>
    public long ScheduledAtMs { get; init; }

    /// <summary>An explicit per-message expiry (time to live), 0 for none; the entity's retention applies too.</summary>
    public long ExpiresAtMs { get; init; }

    /// <summary>Approximate bytes this message holds, for memory accounting.</summary>
    public int ApproximateSize => Body.Length + Properties.ApproximateSize + SystemProperties.ApproximateSize + MessageId.Length + 64;
}
