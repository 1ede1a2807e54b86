using System.Diagnostics;
using Conflux.Bench.Client;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

/// <summary>
/// send → receive → delete with half the clients producing and half consuming. The headline is messages
/// deleted per second; end-to-end latency runs from the producer's send to the consumer's delete reply.
/// </summary>
internal sealed class CycleRunner
{
    // Producers pause while more than this many full receives per consumer are still undeleted: the queue stays
    // shallow (so end-to-end latency is not just queueing time) yet every consumer finds a full batch waiting,
    // and the figure is the rate the whole pipeline sustains, not how fast producers can outrun consumers.
    private const int OutstandingReceivesPerConsumer = 8;
    private const int WaitSeconds = 1;

    private readonly Target _target;
    private readonly bool _batch;
    private readonly ScenarioSettings _settings;
    private readonly SqsHttp _http;
    private readonly string _queueUrl;
    private readonly Window _window;
    private readonly long _maxOutstanding;
    private long _sent;
    private long _deleted;

    private CycleRunner(Target target, bool batch, ScenarioSettings settings, SqsHttp http, string queueUrl, int consumers)
    {
        _target = target;
        _batch = batch;
        _settings = settings;
        _http = http;
        _queueUrl = queueUrl;
        _window = settings.NewWindow();
        _maxOutstanding = (long)consumers * PerMessage * OutstandingReceivesPerConsumer;
    }

    private int PerMessage => _batch ? RequestBodies.BatchSize : 1;

    private SqsAction SendAction => _batch ? SqsAction.SendMessageBatch : SqsAction.SendMessage;

    private SqsAction DeleteAction => _batch ? SqsAction.DeleteMessageBatch : SqsAction.DeleteMessage;

    public static async Task<ScenarioResult> RunAsync(Target target, int clients, bool batch, string name, ScenarioSettings settings, string? queueUrl = null)
    {
        queueUrl ??= await Queues.CreateAsync(target, settings.QueueName(name, clients), settings.Cancellation);
        using var http = new SqsHttp(target.BaseUri, clients);
        var consumerCount = clients - (clients / 2);
        var runner = new CycleRunner(target, batch, settings, http, queueUrl, consumerCount);
        var producers = Enumerable.Range(0, clients / 2).Select(_ => Task.Run(runner.ProduceAsync)).ToArray();
        var consumers = Enumerable.Range(0, consumerCount).Select(_ => Task.Run(runner.ConsumeAsync)).ToArray();
        var sends = await Task.WhenAll(producers);
        var consumed = await Task.WhenAll(consumers);
        return runner.Summarize(name, clients, sends, consumed);
    }

    private async Task<OpStats> ProduceAsync()
    {
        var stats = new OpStats(SendAction.Name);
        var reply = new ResponseBuffer();
        var body = (_batch ? RequestBodies.SendMessageBatch(_queueUrl) : RequestBodies.SendMessage(_queueUrl)).Copy();
        var cancellation = _settings.Cancellation;
        while (!_window.Finished && !cancellation.IsCancellationRequested)
        {
            if (Volatile.Read(ref _sent) - Volatile.Read(ref _deleted) > _maxOutstanding)
            {
                await Task.Delay(1, CancellationToken.None);
                continue;
            }
            var started = Stopwatch.GetTimestamp();
            body.Stamp(started);
            await Guard(stats, SendAction, async () =>
            {
                var status = await _http.PostAsync(SendAction, body.Bytes, reply, cancellation);
                var completed = Stopwatch.GetTimestamp();
                if (status != 200)
                {
                    stats.Error($"{SendAction}: HTTP {status} {reply.Preview()}");
                    return;
                }
                var items = ReplyOutcome.Items(stats, SendAction, reply, PerMessage);
                Interlocked.Add(ref _sent, items);
                stats.Record(_window, started, completed, items);
            });
        }
        return stats;
    }

    private async Task<Consumed> ConsumeAsync()
    {
        var consumed = new Consumed(new OpStats(SqsAction.ReceiveMessage.Name), new OpStats(DeleteAction.Name), new Histogram());
        var reply = new ResponseBuffer();
        var receive = RequestBodies.ReceiveMessage(_queueUrl, PerMessage, WaitSeconds);
        var delete = new DeleteRequest(_queueUrl, _batch);
        var cancellation = _settings.Cancellation;
        while (!_window.Finished && !cancellation.IsCancellationRequested)
        {
            await Guard(consumed.Receive, SqsAction.ReceiveMessage, async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var status = await _http.PostAsync(SqsAction.ReceiveMessage, receive, reply, cancellation);
                var received = Stopwatch.GetTimestamp();
                if (status != 200)
                {
                    consumed.Receive.Error($"ReceiveMessage: HTTP {status} {reply.Preview()}");
                    return;
                }
                var count = delete.Load(reply.Span);
                if (count == 0)
                {
                    // A long poll that found nothing measures the wait, not the server; count it apart.
                    if (_window.Contains(received)) consumed.EmptyReceives++;
                    return;
                }
                consumed.Receive.Record(_window, started, received, count);

                status = await _http.PostAsync(DeleteAction, delete.Body, reply, cancellation);
                var deleted = Stopwatch.GetTimestamp();
                if (status != 200)
                {
                    consumed.Delete.Error($"{DeleteAction}: HTTP {status} {reply.Preview()}");
                    return;
                }
                var items = ReplyOutcome.Items(consumed.Delete, DeleteAction, reply, count);
                Interlocked.Add(ref _deleted, items);
                consumed.Delete.Record(_window, received, deleted, items);
                if (!_window.Contains(deleted)) return;
                foreach (var stamp in delete.Stamps) consumed.EndToEnd.Record(Window.Micros(stamp, deleted));
            });
        }
        return consumed;
    }

    private async Task Guard(OpStats stats, SqsAction action, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (OperationCanceledException) when (_settings.Cancellation.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception error)
        {
            stats.Error($"{action}: {error.GetType().Name}: {error.Message}");
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private ScenarioResult Summarize(string name, int clients, OpStats[] sends, Consumed[] consumed)
    {
        var send = OpStats.Merge(SendAction.Name, sends);
        var receive = OpStats.Merge(SqsAction.ReceiveMessage.Name, consumed.Select(c => c.Receive));
        var delete = OpStats.Merge(DeleteAction.Name, consumed.Select(c => c.Delete));
        var all = OpStats.Merge("all requests", [send, receive, delete]);
        var endToEnd = new Histogram();
        foreach (var c in consumed) endToEnd.Add(c.EndToEnd);
        var seconds = _window.Seconds;
        var empty = consumed.Sum(c => c.EmptyReceives);
        return new ScenarioResult
        {
            Scenario = name,
            Target = _target.Name,
            Clients = clients,
            Throughput = delete.Items / seconds,
            Unit = "msg/s",
            RequestsPerSecond = (all.Requests + empty) / seconds,
            Latency = LatencySummary.From(all.Name, all.Latency),
            Breakdown =
            [
                LatencySummary.From(send.Name, send.Latency),
                LatencySummary.From(receive.Name + " (non-empty)", receive.Latency),
                LatencySummary.From(delete.Name, delete.Latency),
                LatencySummary.From("end-to-end send→delete", endToEnd),
            ],
            Errors = all.Errors,
            FirstError = all.FirstError,
            Notes =
            [
                $"{clients / 2} producers, {clients - (clients / 2)} consumers; sent {send.Items / seconds:N0} msg/s, received {receive.Items / seconds:N0} msg/s, deleted {delete.Items / seconds:N0} msg/s; {empty:N0} empty receives; producers pause above {_maxOutstanding:N0} undeleted messages",
            ],
        };
    }

    private sealed class Consumed(OpStats receive, OpStats delete, Histogram endToEnd)
    {
        public OpStats Receive { get; } = receive;

        public OpStats Delete { get; } = delete;

        public Histogram EndToEnd { get; } = endToEnd;

        public long EmptyReceives { get; set; }
    }
}
