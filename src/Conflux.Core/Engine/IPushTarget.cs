using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Engine;

/// <summary>Creates the push target of a subscription whose <see cref="SubscriptionDefinition.Push"/> names this dialect.</summary>
public interface IPushTargetFactory
{
    string Dialect { get; }

    IPushTarget Create(SubscriptionDefinition subscription);
}

/// <summary>
/// An external endpoint a subscription pushes its copies to. The engine owns the loop, leases,
/// durability and dead-lettering; the target owns the protocol and its retry schedule.
/// </summary>
public interface IPushTarget : IAsyncDisposable
{
    /// <summary>Most deliveries per second (a throttle policy), or null for no limit.</summary>
    int? MaxPerSecond { get; }

    /// <summary>Pushes one copy; <paramref name="attempt"/> is 1 for the first try.</summary>
    Task<PushResult> DeliverAsync(Message message, int attempt, CancellationToken cancellationToken);

    /// <summary>How long to wait before retry number <paramref name="retry"/> (1-based); null when retries are exhausted.</summary>
    TimeSpan? RetryDelay(int retry);
}

/// <summary>The outcome of one push: delivered, failed (retry per schedule), or failed for good (dead-letter at once).</summary>
public readonly record struct PushResult(PushStatus Status, string? Error = null)
{
    public static PushResult Delivered => new(PushStatus.Delivered);

    public static PushResult Retry(string error) => new(PushStatus.Retry, error);

    public static PushResult Permanent(string error) => new(PushStatus.Permanent, error);
}

public enum PushStatus
{
    Delivered,
    Retry,
    Permanent,
}
