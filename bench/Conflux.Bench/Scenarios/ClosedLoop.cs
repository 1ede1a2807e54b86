using System.Diagnostics;
using Conflux.Bench.Client;
using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

/// <summary>N clients each sending the same pre-built request back to back until the window closes.</summary>
internal static class ClosedLoop
{
    public static async Task<OpStats> RunAsync(SqsHttp http, int clients, Window window, SqsAction action, StampedBody body, int expectedItems, CancellationToken cancellation)
    {
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(() => WorkerAsync(http, window, action, body, expectedItems, cancellation), cancellation));
        return OpStats.Merge(action.Name, await Task.WhenAll(workers));
    }

    private static async Task<OpStats> WorkerAsync(SqsHttp http, Window window, SqsAction action, StampedBody body, int expectedItems, CancellationToken cancellation)
    {
        var stats = new OpStats(action.Name);
        var reply = new ResponseBuffer();
        while (!window.Finished && !cancellation.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var status = await http.PostAsync(action, body.Bytes, reply, cancellation);
                var completed = Stopwatch.GetTimestamp();
                if (status != 200)
                {
                    stats.Error($"{action}: HTTP {status} {reply.Preview()}");
                    continue;
                }
                stats.Record(window, started, completed, ReplyOutcome.Items(stats, action, reply, expectedItems));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                break;
            }
            catch (Exception error)
            {
                stats.Error($"{action}: {error.GetType().Name}: {error.Message}");
                // A dead server refuses connections instantly; do not spin.
                await Task.Delay(10, CancellationToken.None);
            }
        }
        return stats;
    }
}
