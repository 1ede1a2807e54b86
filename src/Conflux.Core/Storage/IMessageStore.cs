namespace Conflux.Core.Storage;

/// <summary>
/// The whole storage contract. The engine batches mutations (group commit) and calls <see cref="Commit"/>
/// from one thread; reads may come from any thread. Sequence numbers are per entity; message counts and
/// last sequence numbers are maintained by the store from the ops it applies.
/// </summary>
public interface IMessageStore : IDisposable
{
    /// <summary>Opens (creating if needed) and returns entity records and metadata.</summary>
    StoreContents Open();

    /// <summary>Applies the batch atomically; when it returns the batch is durable (as configured).</summary>
    void Commit(IReadOnlyList<StorageOp> batch);

    /// <summary>Messages with <paramref name="afterSequence"/> &lt; seq ≤ <paramref name="throughSequence"/>, ascending, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(long entityId, long afterSequence, long throughSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>Messages whose delivery state makes them invisible after <paramref name="visibleAfterMs"/> (leased, or re-timed).</summary>
    Task<IReadOnlyList<StoredMessage>> ReadInvisibleAsync(long entityId, long visibleAfterMs, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DedupRecord>> ReadDedupAsync(long entityId, long notExpiredAtMs, CancellationToken cancellationToken = default);

    /// <summary>Smallest stored sequence number of an entity at or below <paramref name="throughSequence"/>, or null.</summary>
    Task<long?> ReadLowestSequenceAsync(long entityId, long throughSequence, CancellationToken cancellationToken = default);

    /// <summary>Entities whose messages or dedup rows remain although the entity record is gone.</summary>
    Task<IReadOnlyList<long>> ReadOrphanEntityIdsAsync(CancellationToken cancellationToken = default);
}
