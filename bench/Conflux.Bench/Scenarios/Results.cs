using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

internal static class Results
{
    public static ScenarioResult Closed(string scenario, string target, int clients, Window window, OpStats stats, bool perMessage) => new()
    {
        Scenario = scenario,
        Target = target,
        Clients = clients,
        Throughput = (perMessage ? stats.Items : stats.Requests) / window.Seconds,
        Unit = perMessage ? "msg/s" : "req/s",
        RequestsPerSecond = stats.Requests / window.Seconds,
        Latency = LatencySummary.From(stats.Name, stats.Latency),
        Errors = stats.Errors,
        FirstError = stats.FirstError,
    };
}
