using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>cycle-batch: SendMessageBatch(10) → ReceiveMessage(10, wait 1 s) → DeleteMessageBatch, concurrently.</summary>
internal static class CycleBatchScenario
{
    public static Task<ScenarioResult> RunAsync(Target target, int clients, ScenarioSettings settings, string? queueUrl = null, string name = ScenarioNames.CycleBatch) =>
        CycleRunner.RunAsync(target, clients, batch: true, name, settings, queueUrl);
}
