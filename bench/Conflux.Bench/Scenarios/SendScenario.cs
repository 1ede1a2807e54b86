using Conflux.Bench.Client;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>send: closed-loop SendMessage of a 1 KiB body.</summary>
internal static class SendScenario
{
    public static async Task<ScenarioResult> RunAsync(Target target, int clients, ScenarioSettings settings, string? queueUrl = null, string name = ScenarioNames.Send)
    {
        queueUrl ??= await Queues.CreateAsync(target, settings.QueueName(name, clients), settings.Cancellation);
        using var http = new SqsHttp(target.BaseUri, clients);
        var window = settings.NewWindow();
        var stats = await ClosedLoop.RunAsync(http, clients, window, SqsAction.SendMessage, RequestBodies.SendMessage(queueUrl), 1, settings.Cancellation);
        return Results.Closed(name, target.Name, clients, window, stats, perMessage: false);
    }
}
