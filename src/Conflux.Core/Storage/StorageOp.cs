using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Storage;

/// <summary>
/// One mutation in a group commit. Ops are applied in submission order; a batch is atomic.
/// </summary>
public abstract record StorageOp;

/// <summary>Adds a message. <see cref="Metadata"/> is <see cref="MessageCodec.EncodeMetadata"/> of it, encoded by the caller's thread.</summary>
public sealed record InsertMessageOp(long EntityId, Message Message, byte[] Metadata, DeliveryState? Delivery) : StorageOp
{
    public InsertMessageOp(long entityId, Message message, DeliveryState? delivery = null)
        : this(entityId, message, MessageCodec.EncodeMetadata(message), delivery)
    {
    }
}

public sealed record SetDeliveryOp(long EntityId, long SequenceNumber, DeliveryState Delivery) : StorageOp;

public sealed record DeleteMessageOp(long EntityId, long SequenceNumber) : StorageOp;

/// <summary>Marks every message up to <see cref="ThroughSequence"/> deleted at once; rows are reclaimed later.</summary>
public sealed record PurgeOp(long EntityId, long ThroughSequence) : StorageOp;

/// <summary>Physically removes rows already logically gone (purged, or of a deleted entity). Never changes counts.</summary>
public sealed record ReclaimRangeOp(long EntityId, long FromSequence, long ThroughSequence) : StorageOp;

public sealed record UpsertEntityOp(long Id, EntityKind Kind, string Name, byte[] Definition) : StorageOp;

public sealed record DeleteEntityOp(long Id) : StorageOp;

public sealed record InsertDedupOp(long EntityId, DedupRecord Record) : StorageOp;

public sealed record DeleteExpiredDedupOp(long NowMs) : StorageOp;

public sealed record SetMetadataOp(string Key, string Value) : StorageOp;
