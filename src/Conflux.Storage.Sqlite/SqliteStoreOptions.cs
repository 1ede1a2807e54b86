namespace Conflux.Storage.Sqlite;

/// <summary>How the SQLite store syncs. <see cref="SqliteSync.Full"/> (the default) fsyncs every group commit.</summary>
public sealed record SqliteStoreOptions(string DataDirectory)
{
    public SqliteSync Sync { get; init; } = SqliteSync.Full;

    /// <summary>Page cache of the writer connection, in KiB.</summary>
    public int CacheSizeKiB { get; init; } = 65_536;

    /// <summary>WAL size (pages) at which the background checkpointer copies pages back into the database.</summary>
    public int CheckpointPages { get; init; } = 4_096;

    /// <summary>WAL size past which the checkpointer forces the WAL to start over (see <see cref="Checkpointer"/>).</summary>
    public long WalRestartBytes { get; init; } = 128L * 1024 * 1024;

    public string DatabasePath => Path.Combine(DataDirectory, "conflux.db");
}

public enum SqliteSync
{
    /// <summary>fsync the WAL on every commit: an acknowledged operation survives power loss.</summary>
    Full,
    /// <summary>No fsync: survives a process crash, not an OS crash or power loss.</summary>
    Off,
}
