using System.Collections.Concurrent;
using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Conflux.Storage.Sqlite;

/// <summary>
/// Durable storage in one SQLite database in WAL mode. The engine's group committer calls
/// <see cref="Commit"/> from one thread: each batch is one transaction, and with
/// <see cref="SqliteSync.Full"/> one fsync of the WAL, so an acknowledged operation survives kill -9 and
/// power loss. Readers use their own pooled connections and never block the writer. A background
/// checkpointer folds the WAL back into the database so commits do not pay for it.
/// </summary>
public sealed class SqliteMessageStore : IMessageStore
{
    private readonly SqliteStoreOptions _options;
    private readonly string _readConnectionString;
    private readonly ConcurrentDictionary<long, EntityCounters> _counters = new();
    private SqliteConnection? _writer;
    private WriterCommands? _commands;
    private Checkpointer? _checkpointer;
    private WalSync? _walSync;
    private readonly object _checkpointGate = new();
    private readonly HashSet<long> _touched = [];
    private volatile bool _walRestartRequested;

    public SqliteMessageStore(SqliteStoreOptions options)
    {
        _options = options;
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    public StoreContents Open()
    {
        Directory.CreateDirectory(_options.DataDirectory);
        _writer = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _writer.Open();
        Execute(_writer, $"""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous={(_options.Sync == SqliteSync.Full ? "NORMAL" : "OFF")};
            PRAGMA cache_size=-{_options.CacheSizeKiB};
            PRAGMA wal_autocheckpoint=0;
            PRAGMA busy_timeout=10000;
            PRAGMA temp_store=MEMORY;
            """);
        Execute(_writer, Schema.Create);
        var version = Scalar(_writer, "PRAGMA user_version");
        if (version == 0) Execute(_writer, $"PRAGMA user_version={Schema.Version}");
        else if (version != Schema.Version) throw new InvalidDataException($"Database schema version {version} is not supported (expected {Schema.Version}).");

        var entities = new List<EntityRecord>();
        using (var cmd = _writer.CreateCommand())
        {
            cmd.CommandText = "SELECT id, kind, name, definition, last_seq, purged_through, message_count FROM entities ORDER BY id";
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var record = new EntityRecord(reader.GetInt64(0), (EntityKind)reader.GetInt32(1), reader.GetString(2),
                    reader.GetFieldValue<byte[]>(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
                entities.Add(record);
                _counters[record.Id] = new EntityCounters(record.LastSequence, record.PurgedThrough, record.MessageCount);
            }
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var cmd = _writer.CreateCommand())
        {
            cmd.CommandText = "SELECT key, value FROM meta";
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) metadata[reader.GetString(0)] = reader.GetString(1);
        }
        _commands = new WriterCommands(_writer);
        _walSync = new WalSync(_options.DatabasePath);
        _checkpointer = new Checkpointer(_options, _checkpointGate, () => _walRestartRequested = true);
        return new StoreContents(entities, metadata);
    }

    public void Commit(IReadOnlyList<StorageOp> batch)
    {
        var writer = _writer ?? throw new InvalidOperationException("Store is not open.");
        var commands = _commands!;
        var touched = _touched;
        touched.Clear();
        commands.Begin();
        try
        {
            foreach (var op in batch) Apply(commands, op, touched);
            foreach (var id in touched)
            {
                if (!_counters.TryGetValue(id, out var counters)) continue;
                commands.UpdateCounters(id, counters);
            }
            commands.Commit();
        }
        catch
        {
            // Leave the connection usable for the error report; the committer treats any failure as fatal.
            try
            {
                commands.Rollback();
            }
            catch (SqliteException)
            {
            }
            throw;
        }
        if (_options.Sync == SqliteSync.Full) _walSync!.Flush();
        _checkpointer!.NoteCommit(batch.Count);
        if (_walRestartRequested) RestartWal(writer);
    }

    /// <summary>
    /// Between two commits, on the writer's own connection: copy what the background PASSIVE checkpoints
    /// have not yet copied and make the next commit start the WAL over. Skipped while a PASSIVE
    /// checkpoint runs (it is retried after the next commit), so the writer never waits on a lock.
    /// </summary>
    private void RestartWal(SqliteConnection writer)
    {
        if (!Monitor.TryEnter(_checkpointGate)) return;
        try
        {
            Execute(writer, "PRAGMA wal_checkpoint(RESTART)");
            _walRestartRequested = false;
        }
        finally
        {
            Monitor.Exit(_checkpointGate);
        }
    }

    private void Apply(WriterCommands commands, StorageOp op, HashSet<long> touched)
    {
        switch (op)
        {
            case InsertMessageOp insert:
            {
                var seq = insert.Message.SequenceNumber;
                var key = RowKey.Of(insert.EntityId, seq);
                commands.InsertMessage(key, insert.Metadata, insert.Message.Body.Span);
                if (insert.Delivery is { } delivery) commands.UpsertDelivery(key, delivery);
                if (_counters.TryGetValue(insert.EntityId, out var counters))
                {
                    counters.Count++;
                    if (seq > counters.LastSequence) counters.LastSequence = seq;
                    touched.Add(insert.EntityId);
                }
                break;
            }
            case SetDeliveryOp set:
                commands.UpsertDelivery(RowKey.Of(set.EntityId, set.SequenceNumber), set.Delivery);
                break;
            case DeleteMessageOp delete:
            {
                var key = RowKey.Of(delete.EntityId, delete.SequenceNumber);
                var removed = commands.DeleteMessage(key);
                if (removed > 0 && _counters.TryGetValue(delete.EntityId, out var counters) && delete.SequenceNumber > counters.PurgedThrough)
                {
                    counters.Count--;
                    touched.Add(delete.EntityId);
                }
                break;
            }
            case PurgeOp purge:
                if (_counters.TryGetValue(purge.EntityId, out var purged))
                {
                    purged.PurgedThrough = Math.Max(purged.PurgedThrough, purge.ThroughSequence);
                    // Normally nothing lies beyond the mark, so this counts an empty range.
                    purged.Count = commands.CountRange(RowKey.Of(purge.EntityId, purged.PurgedThrough + 1), RowKey.Of(purge.EntityId, RowKey.MaxSequence));
                    touched.Add(purge.EntityId);
                }
                break;
            case ReclaimRangeOp reclaim:
                commands.DeleteRange(RowKey.Of(reclaim.EntityId, reclaim.FromSequence), RowKey.Of(reclaim.EntityId, Math.Min(reclaim.ThroughSequence, RowKey.MaxSequence)));
                break;
            case UpsertEntityOp upsert:
                commands.UpsertEntity(upsert.Id, upsert.Kind, upsert.Name, upsert.Definition);
                _counters.TryAdd(upsert.Id, new EntityCounters(0, 0, 0));
                break;
            case DeleteEntityOp deleteEntity:
                commands.DeleteEntity(deleteEntity.Id);
                _counters.TryRemove(deleteEntity.Id, out _);
                touched.Remove(deleteEntity.Id);
                break;
            case InsertDedupOp dedup:
                commands.UpsertDedup(dedup.EntityId, dedup.Record);
                break;
            case DeleteExpiredDedupOp expired:
                commands.DeleteExpiredDedup(expired.NowMs);
                break;
            case SetMetadataOp meta:
                commands.SetMetadata(meta.Key, meta.Value);
                break;
            default:
                throw new NotSupportedException($"Unknown storage op {op.GetType().Name}.");
        }
    }

    public Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(long entityId, long afterSequence, long throughSequence, int limit, CancellationToken cancellationToken = default)
    {
        var floor = Math.Max(afterSequence, _counters.TryGetValue(entityId, out var c) ? c.PurgedThrough : 0);
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT m.id, m.meta, m.body, d.visible_at, d.count, d.token, d.first_at
            FROM messages m LEFT JOIN deliveries d ON d.id = m.id
            WHERE m.id > $lo AND m.id <= $hi ORDER BY m.id LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$lo", RowKey.Of(entityId, Math.Min(floor, RowKey.MaxSequence)));
        cmd.Parameters.AddWithValue("$hi", RowKey.Of(entityId, Math.Min(throughSequence, RowKey.MaxSequence)));
        cmd.Parameters.AddWithValue("$limit", limit);
        return Task.FromResult<IReadOnlyList<StoredMessage>>(ReadMessages(cmd));
    }

    public Task<IReadOnlyList<StoredMessage>> ReadInvisibleAsync(long entityId, long visibleAfterMs, CancellationToken cancellationToken = default)
    {
        var floor = _counters.TryGetValue(entityId, out var c) ? c.PurgedThrough : 0;
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT m.id, m.meta, m.body, d.visible_at, d.count, d.token, d.first_at
            FROM deliveries d JOIN messages m ON m.id = d.id
            WHERE d.id > $lo AND d.id <= $hi AND d.visible_at > $now ORDER BY d.id
            """;
        cmd.Parameters.AddWithValue("$lo", RowKey.Of(entityId, floor));
        cmd.Parameters.AddWithValue("$hi", RowKey.Of(entityId, RowKey.MaxSequence));
        cmd.Parameters.AddWithValue("$now", visibleAfterMs);
        return Task.FromResult<IReadOnlyList<StoredMessage>>(ReadMessages(cmd));
    }

    public Task<IReadOnlyList<DedupRecord>> ReadDedupAsync(long entityId, long notExpiredAtMs, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT key, message_id, seq, expires_at FROM dedup WHERE entity = $e AND expires_at > $now";
        cmd.Parameters.AddWithValue("$e", entityId);
        cmd.Parameters.AddWithValue("$now", notExpiredAtMs);
        var result = new List<DedupRecord>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) result.Add(new DedupRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
        return Task.FromResult<IReadOnlyList<DedupRecord>>(result);
    }

    public Task<long?> ReadLowestSequenceAsync(long entityId, long throughSequence, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        long? lowest = null;
        foreach (var table in (string[])["messages", "deliveries"])
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT id FROM {table} WHERE id >= $lo AND id <= $hi ORDER BY id LIMIT 1";
            cmd.Parameters.AddWithValue("$lo", RowKey.Of(entityId, 0));
            cmd.Parameters.AddWithValue("$hi", RowKey.Of(entityId, Math.Min(throughSequence, RowKey.MaxSequence)));
            if (cmd.ExecuteScalar() is long key)
            {
                var seq = RowKey.Sequence(key);
                lowest = lowest is null ? seq : Math.Min(lowest.Value, seq);
            }
        }
        return Task.FromResult(lowest);
    }

    public Task<IReadOnlyList<long>> ReadOrphanEntityIdsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        var present = new HashSet<long>();
        foreach (var table in (string[])["messages", "deliveries"])
        {
            // Skip-scan: one indexed probe per distinct entity, not a pass over every row.
            long next = 0;
            while (true)
            {
                using var cmd = connection.CreateCommand();
                cmd.CommandText = $"SELECT id FROM {table} WHERE id >= $from ORDER BY id LIMIT 1";
                cmd.Parameters.AddWithValue("$from", next);
                if (cmd.ExecuteScalar() is not long key) break;
                var entity = RowKey.Entity(key);
                present.Add(entity);
                if (entity >= RowKey.MaxEntity) break;
                next = RowKey.Of(entity + 1, 0);
            }
        }
        IReadOnlyList<long> orphans = [.. present.Where(id => !_counters.ContainsKey(id)).Order()];
        return Task.FromResult(orphans);
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return connection;
    }

    private static List<StoredMessage> ReadMessages(SqliteCommand cmd)
    {
        var result = new List<StoredMessage>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var key = reader.GetInt64(0);
            var meta = reader.GetFieldValue<byte[]>(1);
            var body = reader.GetFieldValue<byte[]>(2);
            DeliveryState? delivery = reader.IsDBNull(3)
                ? null
                : new DeliveryState(reader.GetInt64(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt64(6));
            result.Add(new StoredMessage(MessageCodec.Decode(meta, body, RowKey.Sequence(key)), delivery));
        }
        return result;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    public void Dispose()
    {
        _checkpointer?.Dispose();
        _commands?.Dispose();
        _walSync?.Dispose();
        if (_writer is not null)
        {
            Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE)");
            _writer.Dispose();
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Counters the store maintains per entity; only the commit thread writes them.</summary>
    internal sealed class EntityCounters(long lastSequence, long purgedThrough, long count)
    {
        public long LastSequence { get; set; } = lastSequence;

        public long PurgedThrough { get; set; } = purgedThrough;

        public long Count { get; set; } = count;
    }
}
