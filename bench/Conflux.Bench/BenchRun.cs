using System.Globalization;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;
using Conflux.Bench.Reporting;
using Conflux.Bench.Scenarios;

namespace Conflux.Bench;

/// <summary>
/// Runs every selected scenario against each target in turn (only one target process alive at a time,
/// so none steals CPU from another), then prints and optionally writes the report.
/// </summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ignored)
    {
        var cancellation = Cleanup.Stopping;
        var repository = RepositoryRoot.Find();
        var run = new RunRecord(options, MachineInfo.Collect(repository));
        var settings = new ScenarioSettings(TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds),
            DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture), cancellation);

        using (var scratch = new TempDirectory("conflux-bench-"))
        using (var launcher = new TargetLauncher(options, scratch, repository))
        {
            // The ceiling first: its figures are the yardstick, and moto last: it is the slowest.
            foreach (var name in TargetNames.All.OrderBy(t => t == TargetNames.Ceiling ? 0 : t == TargetNames.Conflux ? 1 : 2).Where(options.Targets.Contains))
            {
                if (cancellation.IsCancellationRequested) break;
                try
                {
                    using var target = await launcher.StartAsync(name, cancellation);
                    await RunTargetAsync(target, run, settings);
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellation.IsCancellationRequested)
                {
                    run.Problems.Add($"{name}: {error.Message}");
                    await Console.Error.WriteLineAsync($"bench: {name} failed: {error.Message}");
                }
                catch (OperationCanceledException)
                {
                    run.Problems.Add($"{name}: interrupted");
                }
            }
        }

        var report = MarkdownReport.Render(run);
        await Console.Out.WriteAsync(report);
        if (options.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, report, CancellationToken.None);
            await Console.Error.WriteLineAsync($"bench: report written to {Path.GetFullPath(path)}");
        }
        return cancellation.IsCancellationRequested ? 130 : run.Problems.Count > 0 ? 1 : 0;
    }

    private static async Task RunTargetAsync(Target target, RunRecord run, ScenarioSettings settings)
    {
        var o = run.Options;
        if (o.Runs(ScenarioNames.Send))
        {
            foreach (var clients in o.SendClientCounts)
                await Step(target, run, ScenarioNames.Send, clients, () => SendScenario.RunAsync(target, clients, settings));
        }
        if (o.Runs(ScenarioNames.SendBatch)) await Step(target, run, ScenarioNames.SendBatch, o.Clients, () => SendBatchScenario.RunAsync(target, o.Clients, settings));
        if (o.Runs(ScenarioNames.CycleBatch)) await Step(target, run, ScenarioNames.CycleBatch, o.Clients, () => CycleBatchScenario.RunAsync(target, o.Clients, settings));
        if (o.Runs(ScenarioNames.CycleSingle)) await Step(target, run, ScenarioNames.CycleSingle, o.Clients, () => CycleSingleScenario.RunAsync(target, o.Clients, settings));
        if (o.Runs(ScenarioNames.HalfLoad))
        {
            // Half of this target's own 64-client send rate, measured now if the send scenario did not run.
            const int reference = BenchOptions.ReferenceClients;
            if (run.Find(target.Name, ScenarioNames.Send, reference) is null)
                await Step(target, run, ScenarioNames.Send, reference, () => SendScenario.RunAsync(target, reference, settings));
            var rate = (run.Find(target.Name, ScenarioNames.Send, reference)?.Throughput ?? 0) / 2;
            if (rate >= 1) await Step(target, run, ScenarioNames.HalfLoad, reference, () => HalfLoadScenario.RunAsync(target, rate, settings));
            else run.Problems.Add($"{target.Name}: {ScenarioNames.HalfLoad} skipped: no 64-client send rate to halve");
        }
        if (target.Name == TargetNames.Conflux && target.Process is { } process) run.ConfluxMemory = ProcStatus.Read(process.Id);
        if (target.Name == TargetNames.Conflux && o.Runs(ScenarioNames.Backlog))
        {
            settings.Cancellation.ThrowIfCancellationRequested();
            var backlog = await BacklogScenario.RunAsync(target, o, settings, Summarize);
            settings.Cancellation.ThrowIfCancellationRequested();
            run.Backlog = backlog;
            run.Results.AddRange(backlog.Results);
            await Console.Error.WriteLineAsync($"bench: {target.Name}: peak RSS {Format.Bytes(backlog.Memory?.PeakRss)}, data {Format.Bytes(backlog.DataBytes)}");
        }
    }

    private static async Task Step(Target target, RunRecord run, string scenario, int clients, Func<Task<ScenarioResult>> body)
    {
        Cleanup.Stopping.ThrowIfCancellationRequested();
        await Console.Error.WriteLineAsync($"bench: {target.Name}: {scenario} @{clients}");
        try
        {
            var result = await body();
            // A scenario cut short by Ctrl-C divides a partial count by the full window: not a figure.
            Cleanup.Stopping.ThrowIfCancellationRequested();
            run.Results.Add(result);
            Summarize(result);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            run.Problems.Add($"{target.Name} {scenario}@{clients}: {error.Message}");
            await Console.Error.WriteLineAsync($"bench: {target.Name}: {scenario} failed: {error.Message}");
        }
        // A dead server would turn every later scenario into a wall of errors; stop this target instead.
        target.EnsureAlive();
    }

    private static void Summarize(ScenarioResult r) =>
        Console.Error.WriteLine($"bench:   {r.Target} {r.Key}: {Format.Rate(r.Throughput)} {r.Unit}, p50 {Format.Millis(r.Latency.P50)} ms, p99 {Format.Millis(r.Latency.P99)} ms, {r.Errors:N0} errors");
}
