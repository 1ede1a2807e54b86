using Conflux.Bench.Client;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>latency-at-half-load: SendMessage at a fixed open-loop rate; the figures that matter are p50/p99.</summary>
internal static class HalfLoadScenario
{
    public static async Task<ScenarioResult> RunAsync(Target target, double rate, ScenarioSettings settings)
    {
        const int connections = BenchOptions.ReferenceClients;
        var queueUrl = await Queues.CreateAsync(target, settings.QueueName(ScenarioNames.HalfLoad, connections), settings.Cancellation);
        using var http = new SqsHttp(target.BaseUri, connections);
        var window = settings.NewWindow();
        var loop = OpenLoop.Repeating(http, SqsAction.SendMessage, RequestBodies.SendMessage(queueUrl).Bytes, rate, window, settings.Cancellation);
        await loop.RunAsync();
        var stats = loop.Stats;
        return new ScenarioResult
        {
            Scenario = ScenarioNames.HalfLoad,
            Target = target.Name,
            Clients = connections,
            Throughput = stats.Requests / window.Seconds,
            Unit = "req/s",
            RequestsPerSecond = stats.Requests / window.Seconds,
            Latency = LatencySummary.From(stats.Name, stats.Latency),
            Errors = stats.Errors,
            FirstError = stats.FirstError,
            FixedRate = true,
            Notes = [$"open loop scheduled at {rate:N0} req/s over up to {connections} connections; dispatch lag p99 {loop.Lag.Percentile(99) / 1000:0.0} ms, max {loop.Lag.Max / 1000.0:0.0} ms"],
        };
    }
}
