namespace Conflux.Storage.Sqlite;

/// <summary>How the SQLite store syncs. <see cref="SqliteSync.Full"/> (the default) fsyncs every group commit.</summary>
public sealed record SqliteStoreOptions(string DataDirectory)
{
    public SqliteSync Sync { get; init; } = SqliteSync.Full;

    /// <summary>Page cache of the writer connection, in KiB.</summary>
    public int CacheSizeKiB { get; init; } = 65_536;

    /// <summary>
    /// Ops committed between background checkpoints. Small and frequent beats large and rare: a large
    /// checkpoint's database fsync competes with the WAL syncs of commits (half-load SendMessage p99:
    /// 8-12 ms at 4,096, 3.7-3.9 ms at 256 and 128), and leaves more for a RESTART to copy.
    /// </summary>
    public int CheckpointPages { get; init; } = 256;

    /// <summary>WAL size past which the checkpointer forces the WAL to start over (see <see cref="Checkpointer"/>).</summary>
    public long WalRestartBytes { get; init; } = 256L * 1024 * 1024;

    public string DatabasePath => Path.Combine(DataDirectory, "conflux.db");
}

public enum SqliteSync
{
    /// <summary>fsync the WAL on every commit: an acknowledged operation survives power loss.</summary>
    Full,
    /// <summary>No fsync: survives a process crash, not an OS crash or power loss.</summary>
    Off,
}
