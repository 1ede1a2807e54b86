using System.Diagnostics;
using Conflux.Bench.Client;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Reporting;

namespace Conflux.Bench.Scenarios;

/// <summary>Fills a queue with <c>count</c> 1 KiB messages by SendMessageBatch from many clients, printing progress.</summary>
internal static class Prefill
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public sealed record Outcome(long Messages, double Seconds, long Errors, string? FirstError);

    public static async Task<Outcome> RunAsync(Target target, string queueUrl, long count, int clients, CancellationToken cancellation)
    {
        var requests = (count + RequestBodies.BatchSize - 1) / RequestBodies.BatchSize;
        long claimed = 0, sent = 0;
        using var http = new SqsHttp(target.BaseUri, clients);
        var body = RequestBodies.SendMessageBatch(queueUrl);
        var started = Stopwatch.GetTimestamp();

        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            var stats = new OpStats("prefill");
            var reply = new ResponseBuffer();
            while (Interlocked.Increment(ref claimed) <= requests && !cancellation.IsCancellationRequested)
            {
                try
                {
                    var status = await http.PostAsync(SqsAction.SendMessageBatch, body.Bytes, reply, cancellation);
                    if (status != 200) stats.Error($"SendMessageBatch: HTTP {status} {reply.Preview()}");
                    else Interlocked.Add(ref sent, ReplyOutcome.Items(stats, SqsAction.SendMessageBatch, reply, RequestBodies.BatchSize));
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception error)
                {
                    stats.Error($"SendMessageBatch: {error.GetType().Name}: {error.Message}");
                    await Task.Delay(10, CancellationToken.None);
                }
            }
            return stats;
        }, cancellation)).ToArray();

        var all = Task.WhenAll(workers);
        while (await Task.WhenAny(all, Task.Delay(ProgressEvery, cancellation)) != all)
        {
            target.EnsureAlive();
            var done = Interlocked.Read(ref sent);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var memory = target.Process is { } p ? ProcStatus.Read(p.Id) : new ProcStatus(null, null);
            Console.Error.WriteLine($"bench: backlog prefill {done:N0} / {count:N0} ({done / seconds:N0} msg/s, {seconds:0} s, server RSS {Format.Bytes(memory.Rss)})");
        }
        var merged = OpStats.Merge("prefill", await all);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.Error.WriteLine($"bench: backlog prefill done: {sent:N0} messages in {elapsed:0} s ({sent / elapsed:N0} msg/s), {merged.Errors:N0} errors");
        return new Outcome(sent, elapsed, merged.Errors, merged.FirstError);
    }
}
