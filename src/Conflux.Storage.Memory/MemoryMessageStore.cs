using Conflux.Core.Messages;
using Conflux.Core.Storage;

namespace Conflux.Storage.Memory;

/// <summary>
/// Storage in process memory. Nothing survives the process; it exists so engine tests run without
/// disk and so the compliance suite has a reference to compare the durable backends against.
/// Messages are kept encoded, exactly as a durable backend would hold them.
/// </summary>
public sealed class MemoryMessageStore : IMessageStore
{
    private readonly object _gate = new();
    private readonly Dictionary<long, EntityState> _entities = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SortedDictionary<long, Row>> _messages = [];
    private readonly Dictionary<long, Dictionary<string, DedupRecord>> _dedup = [];

    public StoreContents Open()
    {
        lock (_gate)
        {
            return new StoreContents(
                [.. _entities.Values.Select(e => new EntityRecord(e.Id, e.Kind, e.Name, e.Definition, e.LastSequence, e.PurgedThrough, e.Count))],
                new Dictionary<string, string>(_metadata, StringComparer.Ordinal));
        }
    }

    public void Commit(IReadOnlyList<StorageOp> batch)
    {
        lock (_gate)
        {
            foreach (var op in batch) Apply(op);
        }
    }

    private void Apply(StorageOp op)
    {
        switch (op)
        {
            case InsertMessageOp insert:
                var seq = insert.Message.SequenceNumber;
                Rows(insert.EntityId)[seq] = new Row(insert.Metadata, insert.Message.Body.ToArray(), insert.Delivery);
                if (_entities.TryGetValue(insert.EntityId, out var target))
                {
                    target.Count++;
                    target.LastSequence = Math.Max(target.LastSequence, seq);
                }
                break;
            case SetDeliveryOp set:
                if (Rows(set.EntityId).TryGetValue(set.SequenceNumber, out var row)) Rows(set.EntityId)[set.SequenceNumber] = row with { Delivery = set.Delivery };
                break;
            case DeleteMessageOp delete:
                if (Rows(delete.EntityId).Remove(delete.SequenceNumber) && _entities.TryGetValue(delete.EntityId, out var source) && delete.SequenceNumber > source.PurgedThrough)
                    source.Count--;
                break;
            case PurgeOp purge:
                if (_entities.TryGetValue(purge.EntityId, out var purged))
                {
                    purged.PurgedThrough = Math.Max(purged.PurgedThrough, purge.ThroughSequence);
                    purged.Count = Rows(purge.EntityId).Keys.Count(k => k > purged.PurgedThrough);
                }
                break;
            case ReclaimRangeOp reclaim:
                var rows = Rows(reclaim.EntityId);
                foreach (var key in rows.Keys.Where(k => k >= reclaim.FromSequence && k <= reclaim.ThroughSequence).ToList()) rows.Remove(key);
                if (rows.Count == 0 && !_entities.ContainsKey(reclaim.EntityId)) _messages.Remove(reclaim.EntityId);
                break;
            case UpsertEntityOp upsert:
                if (_entities.TryGetValue(upsert.Id, out var existing))
                {
                    existing.Name = upsert.Name;
                    existing.Definition = upsert.Definition;
                }
                else
                {
                    _entities[upsert.Id] = new EntityState(upsert.Id, upsert.Kind) { Name = upsert.Name, Definition = upsert.Definition };
                }
                break;
            case DeleteEntityOp deleteEntity:
                _entities.Remove(deleteEntity.Id);
                _dedup.Remove(deleteEntity.Id);
                break;
            case InsertDedupOp dedup:
                if (!_dedup.TryGetValue(dedup.EntityId, out var keys)) _dedup[dedup.EntityId] = keys = new(StringComparer.Ordinal);
                keys[dedup.Record.Key] = dedup.Record;
                break;
            case DeleteExpiredDedupOp expired:
                foreach (var table in _dedup.Values)
                    foreach (var key in table.Where(k => k.Value.ExpiresAtMs <= expired.NowMs).Select(k => k.Key).ToList())
                        table.Remove(key);
                break;
            case SetMetadataOp meta:
                _metadata[meta.Key] = meta.Value;
                break;
            default:
                throw new NotSupportedException($"Unknown storage op {op.GetType().Name}.");
        }
    }

    public Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(long entityId, long afterSequence, long throughSequence, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var floor = Math.Max(afterSequence, _entities.TryGetValue(entityId, out var e) ? e.PurgedThrough : 0);
            IReadOnlyList<StoredMessage> result = [.. Rows(entityId)
                .Where(r => r.Key > floor && r.Key <= throughSequence)
                .Take(limit)
                .Select(r => ToStored(r.Key, r.Value))];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<StoredMessage>> ReadInvisibleAsync(long entityId, long visibleAfterMs, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var floor = _entities.TryGetValue(entityId, out var e) ? e.PurgedThrough : 0;
            IReadOnlyList<StoredMessage> result = [.. Rows(entityId)
                .Where(r => r.Key > floor && r.Value.Delivery is { } d && d.VisibleAtMs > visibleAfterMs)
                .Select(r => ToStored(r.Key, r.Value))];
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<DedupRecord>> ReadDedupAsync(long entityId, long notExpiredAtMs, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DedupRecord> result = _dedup.TryGetValue(entityId, out var table)
                ? [.. table.Values.Where(d => d.ExpiresAtMs > notExpiredAtMs)]
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<long?> ReadLowestSequenceAsync(long entityId, long throughSequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var rows = Rows(entityId);
            long? lowest = rows.Count > 0 && rows.Keys.First() <= throughSequence ? rows.Keys.First() : null;
            return Task.FromResult(lowest);
        }
    }

    public Task<IReadOnlyList<long>> ReadOrphanEntityIdsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<long> result = [.. _messages.Where(m => m.Value.Count > 0 && !_entities.ContainsKey(m.Key)).Select(m => m.Key)];
            return Task.FromResult(result);
        }
    }

    public void Dispose()
    {
    }

    private SortedDictionary<long, Row> Rows(long entityId)
    {
        if (!_messages.TryGetValue(entityId, out var rows)) _messages[entityId] = rows = [];
        return rows;
    }

    private static StoredMessage ToStored(long seq, Row row) =>
        new(MessageCodec.Decode(row.Metadata, row.Body, seq), row.Delivery);

    private sealed record Row(byte[] Metadata, byte[] Body, DeliveryState? Delivery);

    private sealed class EntityState(long id, Core.Entities.EntityKind kind)
    {
        public long Id { get; } = id;

        public Core.Entities.EntityKind Kind { get; } = kind;

        public string Name { get; set; } = "";

        public byte[] Definition { get; set; } = [];

        public long LastSequence { get; set; }

        public long PurgedThrough { get; set; }

        public long Count { get; set; }
    }
}
