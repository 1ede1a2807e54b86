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

    /// <summary>Targets or scenarios that could not run, and why.</summary>
    public List<string> Problems { get; } = [];

    public ScenarioResult? Find(string target, string scenario, int clients) =>
        Results.FirstOrDefault(r => r.Target == target && r.Scenario == scenario && r.Clients == clients);

    public ScenarioResult? Peer(ScenarioResult result, string target) =>
        Results.FirstOrDefault(r => r.Target == target && r.Key == result.Key);
}
