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

    /// <summary>
    /// N clients each making <paramref name="call"/> back to back until the window closes; a call returns null on
    /// success (one item), else the error's description. Each client owns its reply buffer.
    /// </summary>
    public static async Task<OpStats> RunAsync(string name, int clients, Window window, Func<ResponseBuffer, CancellationToken, ValueTask<string?>> call, CancellationToken cancellation)
    {
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var stats = new OpStats(name);
            var reply = new ResponseBuffer();
            while (!window.Finished && !cancellation.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var error = await call(reply, cancellation);
                    var completed = Stopwatch.GetTimestamp();
                    if (error is null) stats.Record(window, started, completed, 1);
                    else stats.Error(error);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception error)
                {
                    stats.Error($"{name}: {error.GetType().Name}: {error.Message}");
                    await Task.Delay(10, CancellationToken.None);
                }
            }
            return stats;
        }, cancellation));
        return OpStats.Merge(name, await Task.WhenAll(workers));
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
