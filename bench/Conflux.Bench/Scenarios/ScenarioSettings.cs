using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

/// <summary>Timing shared by every scenario in a run.</summary>
internal sealed record ScenarioSettings(TimeSpan Warmup, TimeSpan Measured, string RunId, CancellationToken Cancellation)
{
    public Window NewWindow() => new(Warmup, Measured);

    /// <summary>A queue name unique to this run, so scenarios never see each other's messages.</summary>
    public string QueueName(string scenario, int clients) => $"bench-{scenario}-{clients}-{RunId}";
}
