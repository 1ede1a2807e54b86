using Microsoft.Data.Sqlite;

namespace Conflux.Storage.Sqlite;

/// <summary>
/// Copies WAL pages back into the database on its own connection and thread (PASSIVE: never blocks
/// the writer), so group commits only ever append to the WAL. Runs when enough has been written.
/// </summary>
internal sealed class Checkpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly int _threshold;
    private long _opsSinceCheckpoint;
    private volatile bool _stopping;

    public Checkpointer(SqliteStoreOptions options)
    {
        _threshold = options.CheckpointPages;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        _connection.Open();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = $"PRAGMA synchronous={(options.Sync == SqliteSync.Full ? "NORMAL" : "OFF")}; PRAGMA journal_size_limit=268435456;";
            cmd.ExecuteNonQuery();
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "conflux-sqlite-checkpoint" };
        _thread.Start();
    }

    /// <summary>Called after each commit; ops approximate pages written.</summary>
    public void NoteCommit(int ops)
    {
        if (Interlocked.Add(ref _opsSinceCheckpoint, ops) >= _threshold && _signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    private void Run()
    {
        while (!_stopping)
        {
            _signal.Wait(TimeSpan.FromSeconds(1));
            if (_stopping) return;
            if (Interlocked.Exchange(ref _opsSinceCheckpoint, 0) == 0) continue;
            try
            {
                using var cmd = _connection.CreateCommand();
                cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                cmd.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy or locked: the next round retries; the WAL simply grows a little meanwhile.
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
        }
        _thread.Join();
        _connection.Dispose();
        _signal.Dispose();
    }
}
