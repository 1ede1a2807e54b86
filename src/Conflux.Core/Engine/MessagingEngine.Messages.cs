using System.Diagnostics;
using Conflux.Core.Messages;

namespace Conflux.Core.Engine;

public sealed partial class MessagingEngine
{
    public async Task<SendResult> SendAsync(string queue, MessageDraft draft)
    {
        var started = Stopwatch.GetTimestamp();
        var results = await Queue(queue).SendAsync([draft]).ConfigureAwait(false);
        Metrics.Operation("send", Stopwatch.GetElapsedTime(started));
        return results[0];
    }

    /// <summary>Sends several messages in one durable commit; results are in draft order.</summary>
    public async Task<SendResult[]> SendBatchAsync(string queue, IReadOnlyList<MessageDraft> drafts)
    {
        var started = Stopwatch.GetTimestamp();
        var results = await Queue(queue).SendAsync(drafts).ConfigureAwait(false);
        Metrics.Operation("send", Stopwatch.GetElapsedTime(started));
        return results;
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, ReceiveOptions options, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var results = await Queue(queue).ReceiveAsync(options, cancellationToken).ConfigureAwait(false);
        if (results.Count > 0) Metrics.Operation("receive", Stopwatch.GetElapsedTime(started));
        return results;
    }

    public async Task<SettleOutcome> DeleteAsync(string queue, LeaseToken lease, bool requireActiveLease)
    {
        var outcomes = await Queue(queue).DeleteAsync([lease], requireActiveLease).ConfigureAwait(false);
        return outcomes[0];
    }

    public async Task<SettleOutcome[]> DeleteBatchAsync(string queue, IReadOnlyList<LeaseToken> leases, bool requireActiveLease)
    {
        var started = Stopwatch.GetTimestamp();
        var outcomes = await Queue(queue).DeleteAsync(leases, requireActiveLease).ConfigureAwait(false);
        Metrics.Operation("delete", Stopwatch.GetElapsedTime(started));
        return outcomes;
    }

    public async Task<VisibilityOutcome> ChangeVisibilityAsync(string queue, LeaseToken lease, TimeSpan timeout, bool requireActiveLease)
    {
        var outcomes = await Queue(queue).ChangeVisibilityAsync([(lease, timeout)], requireActiveLease).ConfigureAwait(false);
        return outcomes[0];
    }

    public Task<VisibilityOutcome[]> ChangeVisibilityBatchAsync(string queue, IReadOnlyList<(LeaseToken Lease, TimeSpan Timeout)> changes, bool requireActiveLease) =>
        Queue(queue).ChangeVisibilityAsync(changes, requireActiveLease);

    /// <summary>Deletes every message; refused if the queue was purged less than <paramref name="minInterval"/> ago.</summary>
    public Task PurgeAsync(string queue, TimeSpan minInterval = default) => Queue(queue).PurgeAsync(minInterval);

    public QueueStats GetStats(string queue) => Queue(queue).Stats();
}
