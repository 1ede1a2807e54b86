namespace Conflux.Storage.Sqlite;

/// <summary>
/// Packs (entity, sequence) into one 64-bit rowid, so a queue's messages are one contiguous range of
/// the table's own B-tree: appends stay local and range reads need no secondary index.
/// </summary>
internal static class RowKey
{
    public const int SequenceBits = 40;
    public const long MaxSequence = (1L << SequenceBits) - 1;
    public const long MaxEntity = (1L << (63 - SequenceBits)) - 1;

    public static long Of(long entityId, long sequence)
    {
        if ((ulong)entityId > MaxEntity) throw new InvalidOperationException($"Entity id {entityId} exceeds the storage limit.");
        if ((ulong)sequence > MaxSequence) throw new InvalidOperationException($"Sequence number {sequence} exceeds the storage limit.");
        return (entityId << SequenceBits) | sequence;
    }

    public static long Entity(long key) => key >> SequenceBits;

    public static long Sequence(long key) => key & MaxSequence;
}
