using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;
using Conflux.Bench.Scenarios;

namespace Conflux.Bench.Reporting;

/// <summary>Everything a run produced, for the report.</summary>
internal sealed class RunRecord(BenchOptions options, MachineInfo machine)
{
    public BenchOptions Options { get; } = options;

    public MachineInfo Machine { get; } = machine;

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public List<ScenarioResult> Results { get; } = [];

    public BacklogScenario.Outcome? Backlog { get; set; }

    /// <summary>Conflux's memory after the empty-queue scenarios, before any backlog.</summary>
    public ProcStatus? ConfluxMemory { get; set; }

    /// <summary>Conflux's memory after the sns-publish scenarios, with how many queues they filled.</summary>
    public SnsMemory? SnsPublishMemory { get; set; }

    public sealed record SnsMemory(ProcStatus Status, int FilledQueues);

    /// <summary>Targets or scenarios that could not run, and why.</summary>
    public List<string> Problems { get; } = [];

    public ScenarioResult? Find(string target, string scenario, int clients) =>
        Results.FirstOrDefault(r => r.Target == target && r.Scenario == scenario && r.Clients == clients);

    /// <summary>
    /// The same scenario on another target. The ceiling runs SNS scenarios once, without topics or queues, so any of
    /// its runs of the scenario at that client count is every variant's peer.
    /// </summary>
    public ScenarioResult? Peer(ScenarioResult result, string target) =>
        Results.FirstOrDefault(r => r.Target == target && r.Key == result.Key) ??
        (target == TargetNames.Ceiling && result.Variant is not null
            ? Results.FirstOrDefault(r => r.Target == target && r.Scenario == result.Scenario && r.Clients == result.Clients)
            : null);

    /// <summary>A variant of a scenario (SNS: delivery mode and queue count) on one target.</summary>
    public ScenarioResult? Find(string target, string scenario, string variant, int clients) =>
        Results.FirstOrDefault(r => r.Target == target && r.Scenario == scenario && r.Variant == variant && r.Clients == clients);
}
