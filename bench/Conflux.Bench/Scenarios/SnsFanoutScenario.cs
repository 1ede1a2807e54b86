using System.Collections.Concurrent;
using System.Diagnostics;
using Conflux.Bench.Client;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>
/// sns-fanout: Publish on an open-loop schedule to a topic with Q SQS queues subscribed, while one consumer per queue
/// long-polls it (ReceiveMessage of up to 10, wait 1 s) and DeleteMessageBatch-es what it got. Each message carries its
/// publish's start timestamp and sequence number, so every copy is matched to its publish: the figures are the
/// publisher's latency and the time from a publish's start until the last of its Q copies has been received.
/// </summary>
internal static class SnsFanoutScenario
{
    public const string EveryCopy = "publish → each copy received";
    public const string LastCopy = "publish → last copy received";
    private const int WaitSeconds = 1;
    private const int MaxMessages = 10;

    /// <summary>After the window, how long consumers keep going for the copies of the last publishes.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    public static async Task<ScenarioResult> RunAsync(Target target, SnsVariant variant, double rate, int connections, ScenarioSettings settings)
    {
        var cancellation = settings.Cancellation;
        var topology = await SnsTopology.CreateAsync(target, variant.TopicName(ScenarioNames.SnsFanout, settings), variant.Queues, variant.Raw, cancellation);
        var window = settings.NewWindow();
        var capacity = (int)Math.Min(50_000_000, Math.Ceiling(rate * (settings.Warmup + settings.Measured).TotalSeconds * 1.2) + 1_000);
        var tracker = new SnsCopyTracker(capacity, variant.Queues, window);
        using var sns = new SnsHttp(target.BaseUri, connections);
        using var sqs = new SqsHttp(target.BaseUri, variant.Queues);
        var consumerRun = new ConsumerRun(sqs, tracker, window, cancellation);
        var consumers = topology.QueueUrls.Select(url => Task.Run(() => consumerRun.ConsumeAsync(url), CancellationToken.None)).ToArray();

        var bodies = new ConcurrentBag<PublishBody>();
        var loop = new OpenLoop("Publish", async (sequence, started, reply, token) =>
        {
            var body = bodies.TryTake(out var pooled) ? pooled : SnsRequests.Publish(topology.TopicArn);
            try
            {
                body.Stamp(started, sequence);
                tracker.Publishing(sequence, started);
                var status = await sns.PostAsync(body.Bytes, reply, token);
                if (status == 200 && SnsReply.HasMessageId(reply.Span)) return null;
                tracker.Failed(sequence);
                return $"Publish: HTTP {status} {reply.Preview()}";
            }
            catch
            {
                tracker.Failed(sequence);
                throw;
            }
            finally
            {
                bodies.Add(body);
            }
        }, rate, window, cancellation);
        await loop.RunAsync();
        var drainStarted = Stopwatch.GetTimestamp();
        var missing = await tracker.DrainAsync(loop.Fired, DrainLimit, cancellation);
        var drainSeconds = Stopwatch.GetElapsedTime(drainStarted).TotalSeconds;
        consumerRun.Stop();
        var consumed = await Task.WhenAll(consumers);
        return Summarize(target, variant, rate, connections, window, loop, consumed, tracker, missing, drainSeconds);
    }

    private static ScenarioResult Summarize(Target target, SnsVariant variant, double rate, int connections, Window window, OpenLoop loop,
        Consumed[] consumed, SnsCopyTracker tracker, Histogram missing, double drainSeconds)
    {
        var publish = loop.Stats;
        var receive = OpStats.Merge(SqsAction.ReceiveMessage.Name, consumed.Select(c => c.Receive));
        var delete = OpStats.Merge(SqsAction.DeleteMessageBatch.Name, consumed.Select(c => c.Delete));
        var every = new Histogram();
        var last = new Histogram();
        foreach (var c in consumed)
        {
            every.Add(c.EveryCopy);
            last.Add(c.LastCopy);
        }
        // Publishes whose copies had not all arrived when the bench stopped waiting count at their age then (a lower bound).
        last.Add(missing);
        var unreadable = consumed.Sum(c => c.Unreadable);
        var empty = consumed.Sum(c => c.EmptyReceives);
        var seconds = window.Seconds;
        var errors = publish.Errors + receive.Errors + delete.Errors + unreadable + tracker.Unknown;
        return new ScenarioResult
        {
            Scenario = ScenarioNames.SnsFanout,
            Variant = variant.Label,
            VariantOrder = variant.Order,
            FanOut = variant.Queues,
            Target = target.Name,
            Clients = connections,
            Throughput = publish.Requests / seconds,
            Unit = "pub/s",
            FixedRate = true,
            RequestsPerSecond = (publish.Requests + receive.Requests + delete.Requests + empty) / seconds,
            Latency = LatencySummary.From(publish.Name, publish.Latency),
            Breakdown =
            [
                LatencySummary.From(publish.Name, publish.Latency),
                LatencySummary.From(receive.Name + " (non-empty, incl. long-poll wait)", receive.Latency),
                LatencySummary.From(delete.Name, delete.Latency),
                LatencySummary.From(EveryCopy, every),
                LatencySummary.From(LastCopy, last),
            ],
            Errors = errors,
            FirstError = publish.FirstError ?? receive.FirstError ?? delete.FirstError ??
                (unreadable > 0 ? $"{unreadable} received messages carried no publish stamp" : tracker.Unknown > 0 ? $"{tracker.Unknown} copies of unknown publishes" : null),
            Notes =
            [
                $"open loop scheduled at {rate:N0} publishes/s over up to {connections} connections (dispatch lag p99 {loop.Lag.Percentile(99) / 1000:0.0} ms); " +
                $"{variant.Queues} consumer(s), one per queue; received {receive.Items / seconds:N0} copies/s in {receive.Requests / seconds:N0} non-empty receives/s " +
                $"({(receive.Requests > 0 ? receive.Items / (double)receive.Requests : 0):0.0} per receive), {empty:N0} empty receives; " +
                $"{last.Count - missing.Count:N0} publishes sampled complete, {missing.Count:N0} still short of copies {drainSeconds:0.0} s after the window " +
                $"(counted at their age then), {tracker.Duplicates:N0} duplicate copies",
            ],
        };
    }

    /// <summary>The consumers of one run: one per queue, until told to stop after the drain.</summary>
    private sealed class ConsumerRun(SqsHttp sqs, SnsCopyTracker tracker, Window window, CancellationToken cancellation)
    {
        private volatile bool _stopping;

        public void Stop() => _stopping = true;

        public async Task<Consumed> ConsumeAsync(string queueUrl)
        {
            var consumed = new Consumed();
            var reply = new ResponseBuffer();
            var receive = RequestBodies.ReceiveMessage(queueUrl, MaxMessages, WaitSeconds);
            var delete = new DeleteRequest(queueUrl, batch: true, snsCopies: true);
            while (!_stopping && !cancellation.IsCancellationRequested)
            {
                try
                {
                    var started = Stopwatch.GetTimestamp();
                    var status = await sqs.PostAsync(SqsAction.ReceiveMessage, receive, reply, cancellation);
                    var received = Stopwatch.GetTimestamp();
                    if (status != 200)
                    {
                        consumed.Receive.Error($"ReceiveMessage: HTTP {status} {reply.Preview()}");
                        continue;
                    }
                    var count = delete.Load(reply.Span);
                    if (count == 0)
                    {
                        if (window.Contains(received)) consumed.EmptyReceives++;
                        continue;
                    }
                    consumed.Receive.Record(window, started, received, count);
                    consumed.Unreadable += delete.Unreadable;
                    foreach (var (stamp, sequence) in delete.Copies)
                    {
                        // A zero stamp is the topology's priming publish, not part of the run.
                        if (stamp != 0) tracker.Copy(sequence, stamp, received, consumed.EveryCopy, consumed.LastCopy);
                    }

                    status = await sqs.PostAsync(SqsAction.DeleteMessageBatch, delete.Body, reply, cancellation);
                    var deleted = Stopwatch.GetTimestamp();
                    if (status != 200)
                    {
                        consumed.Delete.Error($"DeleteMessageBatch: HTTP {status} {reply.Preview()}");
                        continue;
                    }
                    var items = ReplyOutcome.Items(consumed.Delete, SqsAction.DeleteMessageBatch, reply, count);
                    consumed.Delete.Record(window, received, deleted, items);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception error)
                {
                    consumed.Receive.Error($"consumer: {error.GetType().Name}: {error.Message}");
                    await Task.Delay(10, CancellationToken.None);
                }
            }
            return consumed;
        }
    }

    private sealed class Consumed
    {
        public OpStats Receive { get; } = new(SqsAction.ReceiveMessage.Name);

        public OpStats Delete { get; } = new(SqsAction.DeleteMessageBatch.Name);

        public Histogram EveryCopy { get; } = new();

        public Histogram LastCopy { get; } = new();

        public long EmptyReceives { get; set; }

        public long Unreadable { get; set; }
    }
}
