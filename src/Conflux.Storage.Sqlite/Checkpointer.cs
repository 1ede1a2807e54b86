using Microsoft.Data.Sqlite;

namespace Conflux.Storage.Sqlite;

/// <summary>
/// Copies WAL pages back into the database on its own connection and thread (PASSIVE: never blocks
/// the writer), so group commits only ever append to the WAL. Under sustained writes PASSIVE never
/// reaches the WAL's end, and SQLite restarts the WAL from its beginning only after a checkpoint has
/// caught up — so the WAL would grow without bound (checkpoint starvation; seen at 21 GB during a
/// 10-million-message fill). Past <see cref="SqliteStoreOptions.WalRestartBytes"/> it asks the
/// writer to run a RESTART checkpoint between two commits (see <see cref="SqliteMessageStore"/>):
/// done from here it would hold the writer lock and stall commits.
/// </summary>
internal sealed class Checkpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Thread _thread;
    // Monitor, not SemaphoreSlim: the latter spins (sched_yield) before sleeping, ~100 times a second here.
    private readonly object _signal = new();
    private bool _signalled;
    private readonly int _threshold;
    private readonly long _restartBytes;
    private readonly long _pageSize;
    private long _opsSinceCheckpoint;
    private volatile bool _stopping;

    private readonly object _gate;
    private readonly Action _requestRestart;

    /// <param name="gate">Held while checkpointing; the writer takes it for its RESTART so the two never collide.</param>
    public Checkpointer(SqliteStoreOptions options, object gate, Action requestRestart)
    {
        _gate = gate;
        _requestRestart = requestRestart;
        _threshold = options.CheckpointPages;
        _restartBytes = options.WalRestartBytes;

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        _connection.Open();
        using (var cmd = _connection.CreateCommand())
        {
            cmd.CommandText = $"PRAGMA synchronous={(options.Sync == SqliteSync.Full ? "NORMAL" : "OFF")}; PRAGMA busy_timeout=10000;";
            cmd.ExecuteNonQuery();
            cmd.CommandText = "PRAGMA page_size";
            _pageSize = Convert.ToInt64(cmd.ExecuteScalar());
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "conflux-sqlite-checkpoint" };
        _thread.Start();
    }

    /// <summary>Called after each commit; ops approximate pages written.</summary>
    public void NoteCommit(int ops)
    {
        if (Interlocked.Add(ref _opsSinceCheckpoint, ops) < _threshold) return;
        lock (_signal)
        {
            _signalled = true;
            Monitor.Pulse(_signal);
        }
    }

    private void Run()
    {
        while (!_stopping)
        {
            lock (_signal)
            {
                if (!_signalled) Monitor.Wait(_signal, TimeSpan.FromSeconds(1));
                _signalled = false;
            }
            if (_stopping) return;
            if (Interlocked.Exchange(ref _opsSinceCheckpoint, 0) == 0) continue;
            try
            {
                long frames;
                lock (_gate) frames = Checkpoint("PASSIVE");
                // The PASSIVE checkpoint reports the frames in the live WAL (its file keeps its size once grown).
                if (frames * _pageSize > _restartBytes) _requestRestart();
            }
            catch (SqliteException)
            {
                // Busy or locked: the next round retries; the WAL simply grows a little meanwhile.
            }
        }
    }

    /// <summary>Runs a checkpoint and returns the number of frames the WAL held.</summary>
    private long Checkpoint(string mode)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"PRAGMA wal_checkpoint({mode})";
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    public void Dispose()
    {
        _stopping = true;
        lock (_signal) Monitor.Pulse(_signal);
        _thread.Join();
        _connection.Dispose();
    }
}
