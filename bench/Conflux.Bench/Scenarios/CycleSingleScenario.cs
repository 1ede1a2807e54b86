using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>cycle-single: SendMessage → ReceiveMessage(1, wait 1 s) → DeleteMessage, concurrently.</summary>
internal static class CycleSingleScenario
{
    public static Task<ScenarioResult> RunAsync(Target target, int clients, ScenarioSettings settings) =>
        CycleRunner.RunAsync(target, clients, batch: false, ScenarioNames.CycleSingle, settings);
}
