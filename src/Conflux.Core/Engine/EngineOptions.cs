namespace Conflux.Core.Engine;

/// <summary>Engine tuning. The memory window bounds how much of each queue's backlog is held in RAM.</summary>
public sealed record EngineOptions
{
    /// <summary>Ready and delayed messages held in memory per queue; the rest of a backlog stays on disk.</summary>
    public int MemoryWindowMessages { get; init; } = 10_000;

    public long MemoryWindowBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Messages read from disk per page-in.</summary>
    public int PageSize { get; init; } = 2_000;

    public TimeSpan HousekeepingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a single lease may be kept by visibility changes (SQS: 12 hours).</summary>
    public TimeSpan MaxLeaseDuration { get; init; } = TimeSpan.FromHours(12);

    /// <summary>How long a receive attempt id is remembered.</summary>
    public TimeSpan ReceiveAttemptWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows removed per reclaim step when purged or deleted data is cleaned up.</summary>
    public int ReclaimChunk { get; init; } = 5_000;
}
