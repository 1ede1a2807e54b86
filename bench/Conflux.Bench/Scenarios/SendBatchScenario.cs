using Conflux.Bench.Client;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>send-batch: closed-loop SendMessageBatch of ten 1 KiB messages.</summary>
internal static class SendBatchScenario
{
    public static async Task<ScenarioResult> RunAsync(Target target, int clients, ScenarioSettings settings)
    {
        var queueUrl = await Queues.CreateAsync(target, settings.QueueName(ScenarioNames.SendBatch, clients), settings.Cancellation);
        using var http = new SqsHttp(target.BaseUri, clients);
        var window = settings.NewWindow();
        var stats = await ClosedLoop.RunAsync(http, clients, window, SqsAction.SendMessageBatch, RequestBodies.SendMessageBatch(queueUrl), RequestBodies.BatchSize, settings.Cancellation);
        return Results.Closed(ScenarioNames.SendBatch, target.Name, clients, window, stats, perMessage: true);
    }
}
