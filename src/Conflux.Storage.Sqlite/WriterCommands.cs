using Conflux.Core.Entities;
using Conflux.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Conflux.Storage.Sqlite;

/// <summary>The writer's statements, prepared once and re-bound per op (this is the hot path of every commit).</summary>
internal sealed class WriterCommands : IDisposable
{
    private readonly List<SqliteCommand> _all = [];
    private readonly Statement _insertMessage;
    private readonly Statement _upsertDelivery;
    private readonly Statement _deleteMessage;
    private readonly Statement _deleteDelivery;
    private readonly Statement _deleteMessageRange;
    private readonly Statement _deleteDeliveryRange;
    private readonly Statement _upsertEntity;
    private readonly Statement _deleteEntity;
    private readonly Statement _deleteEntityDedup;
    private readonly Statement _updateCounters;
    private readonly Statement _upsertDedup;
    private readonly Statement _deleteExpiredDedup;
    private readonly Statement _setMeta;
    private readonly Statement _countRange;

    public WriterCommands(SqliteConnection connection)
    {
        Statement Make(string sql, params string[] parameters)
        {
            var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            var bound = parameters.Select(p => cmd.Parameters.Add(p, SqliteType.Integer)).ToArray();
            _all.Add(cmd);
            return new Statement(cmd, bound);
        }

        _insertMessage = Make("INSERT INTO messages(id, meta, body) VALUES($id, $meta, $body)", "$id", "$meta", "$body");
        _upsertDelivery = Make("INSERT OR REPLACE INTO deliveries(id, visible_at, count, token, first_at) VALUES($id, $vis, $count, $token, $first)", "$id", "$vis", "$count", "$token", "$first");
        _deleteMessage = Make("DELETE FROM messages WHERE id = $id", "$id");
        _deleteDelivery = Make("DELETE FROM deliveries WHERE id = $id", "$id");
        _deleteMessageRange = Make("DELETE FROM messages WHERE id >= $lo AND id <= $hi", "$lo", "$hi");
        _deleteDeliveryRange = Make("DELETE FROM deliveries WHERE id >= $lo AND id <= $hi", "$lo", "$hi");
        _upsertEntity = Make("INSERT INTO entities(id, kind, name, definition) VALUES($id, $kind, $name, $def) ON CONFLICT(id) DO UPDATE SET name = excluded.name, definition = excluded.definition", "$id", "$kind", "$name", "$def");
        _deleteEntity = Make("DELETE FROM entities WHERE id = $id", "$id");
        _deleteEntityDedup = Make("DELETE FROM dedup WHERE entity = $id", "$id");
        _updateCounters = Make("UPDATE entities SET last_seq = $last, purged_through = $purged, message_count = $count WHERE id = $id", "$id", "$last", "$purged", "$count");
        _upsertDedup = Make("INSERT OR REPLACE INTO dedup(entity, key, message_id, seq, expires_at) VALUES($e, $key, $mid, $seq, $exp)", "$e", "$key", "$mid", "$seq", "$exp");
        _deleteExpiredDedup = Make("DELETE FROM dedup WHERE expires_at <= $now", "$now");
        _setMeta = Make("INSERT OR REPLACE INTO meta(key, value) VALUES($key, $value)", "$key", "$value");
        _countRange = Make("SELECT COUNT(*) FROM messages WHERE id >= $lo AND id <= $hi", "$lo", "$hi");
        _insertMessage.Parameters[1].SqliteType = _insertMessage.Parameters[2].SqliteType = SqliteType.Blob;
        _upsertEntity.Parameters[2].SqliteType = SqliteType.Text;
        _upsertEntity.Parameters[3].SqliteType = SqliteType.Blob;
        _upsertDedup.Parameters[1].SqliteType = _upsertDedup.Parameters[2].SqliteType = SqliteType.Text;
        _setMeta.Parameters[0].SqliteType = _setMeta.Parameters[1].SqliteType = SqliteType.Text;
    }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var cmd in _all) cmd.Transaction = transaction;
    }

    public void InsertMessage(long key, byte[] meta, byte[] body) => _insertMessage.Run(key, meta, body);

    public void UpsertDelivery(long key, DeliveryState d) =>
        _upsertDelivery.Run(key, d.VisibleAtMs, d.DeliveryCount, d.LeaseToken, d.FirstDeliveredAtMs);

    /// <summary>Returns the number of message rows removed (0 when already gone).</summary>
    public int DeleteMessage(long key)
    {
        _deleteDelivery.Run(key);
        return _deleteMessage.Run(key);
    }

    public void DeleteRange(long lo, long hi)
    {
        _deleteMessageRange.Run(lo, hi);
        _deleteDeliveryRange.Run(lo, hi);
    }

    public void UpsertEntity(long id, EntityKind kind, string name, byte[] definition) => _upsertEntity.Run(id, (int)kind, name, definition);

    public void DeleteEntity(long id)
    {
        _deleteEntity.Run(id);
        _deleteEntityDedup.Run(id);
    }

    public void UpdateCounters(long id, SqliteMessageStore.EntityCounters counters) =>
        _updateCounters.Run(id, counters.LastSequence, counters.PurgedThrough, counters.Count);

    public void UpsertDedup(long entity, DedupRecord record) =>
        _upsertDedup.Run(entity, record.Key, record.MessageId, record.SequenceNumber, record.ExpiresAtMs);

    public void DeleteExpiredDedup(long now) => _deleteExpiredDedup.Run(now);

    public void SetMetadata(string key, string value) => _setMeta.Run(key, value);

    public long CountRange(long lo, long hi) => _countRange.Scalar(lo, hi);

    public void Dispose()
    {
        foreach (var cmd in _all) cmd.Dispose();
    }

    private sealed class Statement(SqliteCommand command, SqliteParameter[] parameters)
    {
        public SqliteParameter[] Parameters { get; } = parameters;

        public int Run(object a)
        {
            Parameters[0].Value = a;
            return command.ExecuteNonQuery();
        }

        public int Run(object a, object b)
        {
            Parameters[1].Value = b;
            return Run(a);
        }

        public int Run(object a, object b, object c)
        {
            Parameters[2].Value = c;
            return Run(a, b);
        }

        public int Run(object a, object b, object c, object d)
        {
            Parameters[3].Value = d;
            return Run(a, b, c);
        }

        public int Run(object a, object b, object c, object d, object e)
        {
            Parameters[4].Value = e;
            return Run(a, b, c, d);
        }

        public long Scalar(object a, object b)
        {
            Parameters[0].Value = a;
            Parameters[1].Value = b;
            return Convert.ToInt64(command.ExecuteScalar());
        }
    }
}
