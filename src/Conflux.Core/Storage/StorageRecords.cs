using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Storage;

/// <summary>The lease state of a message that has been received at least once, or re-timed.</summary>
public readonly record struct DeliveryState(long VisibleAtMs, int DeliveryCount, int LeaseToken, long FirstDeliveredAtMs);

/// <summary>A message read back from storage with its delivery state (null if never delivered).</summary>
public sealed record StoredMessage(Message Message, DeliveryState? Delivery);

/// <summary>An entity as stored: its definition is an opaque document the engine encodes.</summary>
public sealed record EntityRecord(
    long Id,
    EntityKind Kind,
    string Name,
    byte[] Definition,
    long LastSequence,
    long PurgedThrough,
    long MessageCount);

/// <summary>A remembered deduplication key: a repeat within the window returns the original message.</summary>
public sealed record DedupRecord(string Key, string MessageId, long SequenceNumber, long ExpiresAtMs);

/// <summary>Everything storage hands the engine at start-up (messages are paged in later).</summary>
public sealed record StoreContents(IReadOnlyList<EntityRecord> Entities, IReadOnlyDictionary<string, string> Metadata);
