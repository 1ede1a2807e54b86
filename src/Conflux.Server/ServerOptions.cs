namespace Conflux.Server;

/// <summary>Everything the host is configured with (command line, else CONFLUX_* environment variables, else defaults).</summary>
public sealed record ServerOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; } = 4566;

    public string DataDirectory { get; init; } = "./data";

    public StorageKind Storage { get; init; } = StorageKind.Sqlite;

    /// <summary>fsync on every group commit (full) or never (off: survives a process crash, not power loss).</summary>
    public string Sync { get; init; } = "full";

    public string AccountId { get; init; } = "000000000000";

    public string Region { get; init; } = "us-east-1";

    public string LogLevel { get; init; } = "Information";
}

public enum StorageKind
{
    Sqlite,
    Memory,
}
