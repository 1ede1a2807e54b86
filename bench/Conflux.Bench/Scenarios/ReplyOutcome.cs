using Conflux.Bench.Client;
using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

internal static class ReplyOutcome
{
    /// <summary>
    /// How many messages a 200 reply accounts for. Batch replies are 200 even when entries fail, so their
    /// failed (or missing) entries count as errors.
    /// </summary>
    public static int Items(OpStats stats, SqsAction action, ResponseBuffer reply, int expected)
    {
        if (expected == 1 && action != SqsAction.SendMessageBatch && action != SqsAction.DeleteMessageBatch) return 1;
        var (successful, failed) = ReplyReader.BatchOutcome(reply.Span);
        var missing = expected - successful - failed;
        if (failed > 0 || missing > 0) stats.Error($"{action}: {failed} failed, {Math.Max(missing, 0)} missing of {expected}: {reply.Preview()}", failed + Math.Max(missing, 0));
        return successful;
    }
}
