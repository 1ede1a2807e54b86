using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>
/// backlog: pre-fill one queue, then rerun send and cycle-batch against it, with the server's memory.
/// Only meaningful for a durable server, so it runs against Conflux alone.
/// </summary>
internal static class BacklogScenario
{
    public sealed record Outcome(Prefill.Outcome Prefill, IReadOnlyList<ScenarioResult> Results, ProcStatus? Memory, long? DataBytes);

    public static async Task<Outcome> RunAsync(Target target, BenchOptions options, ScenarioSettings settings, Action<ScenarioResult> completed)
    {
        var queueUrl = await Queues.CreateAsync(target, settings.QueueName(ScenarioNames.Backlog, options.Clients), settings.Cancellation);
        var clients = Math.Max(options.Clients, BenchOptions.ReferenceClients);
        Console.Error.WriteLine($"bench: {target.Name}: backlog prefill of {options.Backlog:N0} messages with {clients} clients...");
        var prefill = await Prefill.RunAsync(target, queueUrl, options.Backlog, clients, settings.Cancellation);

        var results = new List<ScenarioResult>();
        foreach (var sendClients in options.SendClientCounts)
        {
            Console.Error.WriteLine($"bench: {target.Name}: backlog:send @{sendClients}");
            results.Add(await SendScenario.RunAsync(target, sendClients, settings, queueUrl, ScenarioNames.BacklogPrefix + ScenarioNames.Send));
            completed(results[^1]);
        }
        Console.Error.WriteLine($"bench: {target.Name}: backlog:cycle-batch @{options.Clients}");
        results.Add(await CycleBatchScenario.RunAsync(target, options.Clients, settings, queueUrl, ScenarioNames.BacklogPrefix + ScenarioNames.CycleBatch));
        completed(results[^1]);

        var memory = target.Process is { } process ? ProcStatus.Read(process.Id) : null;
        var data = target.DataDirectory is { } dir ? ProcStatus.DirectorySize(dir) : (long?)null;
        return new Outcome(prefill, results, memory, data);
    }
}
