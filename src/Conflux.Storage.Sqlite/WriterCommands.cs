using Conflux.Core.Entities;
using Conflux.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Conflux.Storage.Sqlite;

/// <summary>The writer's statements, prepared once and re-bound per op (this is the hot path of every commit).</summary>
internal sealed class WriterCommands : IDisposable
{
    private readonly List<RawStatement> _all = [];
    private readonly RawStatement _begin;
    private readonly RawStatement _commit;
    private readonly RawStatement _rollback;
    private readonly RawStatement _insertMessage;
    private readonly RawStatement _upsertDelivery;
    private readonly RawStatement _deleteMessage;
    private readonly RawStatement _deleteDelivery;
    private readonly RawStatement _deleteMessageRange;
    private readonly RawStatement _deleteDeliveryRange;
    private readonly RawStatement _upsertEntity;
    private readonly RawStatement _deleteEntity;
    private readonly RawStatement _deleteEntityDedup;
    private readonly RawStatement _updateCounters;
    private readonly RawStatement _upsertDedup;
    private readonly RawStatement _deleteExpiredDedup;
    private readonly RawStatement _setMeta;
    private readonly RawStatement _countRange;

    public WriterCommands(SqliteConnection connection)
    {
        RawStatement Make(string sql)
        {
            var statement = new RawStatement(connection, sql);
            _all.Add(statement);
            return statement;
        }

        _begin = Make("BEGIN");
        _commit = Make("COMMIT");
        _rollback = Make("ROLLBACK");
        _insertMessage = Make("INSERT INTO messages(id, meta, body) VALUES(?1, ?2, ?3)");
        _upsertDelivery = Make("INSERT OR REPLACE INTO deliveries(id, visible_at, count, token, first_at) VALUES(?1, ?2, ?3, ?4, ?5)");
        _deleteMessage = Make("DELETE FROM messages WHERE id = ?1");
        _deleteDelivery = Make("DELETE FROM deliveries WHERE id = ?1");
        _deleteMessageRange = Make("DELETE FROM messages WHERE id >= ?1 AND id <= ?2");
        _deleteDeliveryRange = Make("DELETE FROM deliveries WHERE id >= ?1 AND id <= ?2");
        _upsertEntity = Make("INSERT INTO entities(id, kind, name, definition) VALUES(?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET name = excluded.name, definition = excluded.definition");
        _deleteEntity = Make("DELETE FROM entities WHERE id = ?1");
        _deleteEntityDedup = Make("DELETE FROM dedup WHERE entity = ?1");
        _updateCounters = Make("UPDATE entities SET last_seq = ?2, purged_through = ?3, message_count = ?4 WHERE id = ?1");
        _upsertDedup = Make("INSERT OR REPLACE INTO dedup(entity, key, message_id, seq, expires_at) VALUES(?1, ?2, ?3, ?4, ?5)");
        _deleteExpiredDedup = Make("DELETE FROM dedup WHERE expires_at <= ?1");
        _setMeta = Make("INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
        _countRange = Make("SELECT COUNT(*) FROM messages WHERE id >= ?1 AND id <= ?2");
    }

    public void Begin() => _begin.Execute();

    public void Commit() => _commit.Execute();

    public void Rollback() => _rollback.Execute();

    public void InsertMessage(long key, byte[] meta, ReadOnlySpan<byte> body) =>
        _insertMessage.Bind(1, key).Bind(2, meta).Bind(3, body).Execute();

    public void UpsertDelivery(long key, DeliveryState d) =>
        _upsertDelivery.Bind(1, key).Bind(2, d.VisibleAtMs).Bind(3, d.DeliveryCount).Bind(4, d.LeaseToken).Bind(5, d.FirstDeliveredAtMs).Execute();

    /// <summary>Returns the number of message rows removed (0 when already gone).</summary>
    public int DeleteMessage(long key)
    {
        _deleteDelivery.Bind(1, key).Execute();
        return _deleteMessage.Bind(1, key).Execute();
    }

    public void DeleteRange(long lo, long hi)
    {
        _deleteMessageRange.Bind(1, lo).Bind(2, hi).Execute();
        _deleteDeliveryRange.Bind(1, lo).Bind(2, hi).Execute();
    }

    public void UpsertEntity(long id, EntityKind kind, string name, byte[] definition) =>
        _upsertEntity.Bind(1, id).Bind(2, (long)kind).Bind(3, name).Bind(4, definition).Execute();

    public void DeleteEntity(long id)
    {
        _deleteEntity.Bind(1, id).Execute();
        _deleteEntityDedup.Bind(1, id).Execute();
    }

    public void UpdateCounters(long id, SqliteMessageStore.EntityCounters counters) =>
        _updateCounters.Bind(1, id).Bind(2, counters.LastSequence).Bind(3, counters.PurgedThrough).Bind(4, counters.Count).Execute();

    public void UpsertDedup(long entity, DedupRecord record) =>
        _upsertDedup.Bind(1, entity).Bind(2, record.Key).Bind(3, record.MessageId).Bind(4, record.SequenceNumber).Bind(5, record.ExpiresAtMs).Execute();

    public void DeleteExpiredDedup(long now) => _deleteExpiredDedup.Bind(1, now).Execute();

    public void SetMetadata(string key, string value) => _setMeta.Bind(1, key).Bind(2, value).Execute();

    public long CountRange(long lo, long hi) => _countRange.Bind(1, lo).Bind(2, hi).Scalar();

    public void Dispose()
    {
        foreach (var statement in _all) statement.Dispose();
    }
}
