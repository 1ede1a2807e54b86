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
                    // Each phase gets a fresh process and data directory: the SNS publish scenarios leave hundreds of
                    // filled queues behind, whose in-memory windows would otherwise weigh on whatever runs next.
                    foreach (var phase in Phases(name, options))
                    {
                        if (cancellation.IsCancellationRequested) break;
                        using var target = await launcher.StartAsync(name, cancellation);
                        await phase(target, run, settings);
                    }
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

    private delegate Task Phase(Target target, RunRecord run, ScenarioSettings settings);

    private static IEnumerable<Phase> Phases(string target, BenchOptions o)
    {
        if (ScenarioNames.All.Any(s => !ScenarioNames.IsSns(s) && o.Runs(s))) yield return RunSqsAsync;
        // The fan-out's rate is capped by the target's own publish rate, so publish runs whenever the fan-out does.
        if (o.Runs(ScenarioNames.SnsPublish) || o.Runs(ScenarioNames.SnsFanout)) yield return RunSnsPublishAsync;
        if (o.Runs(ScenarioNames.SnsFanout) && target != TargetNames.Ceiling) yield return RunSnsFanoutAsync;
    }

    private static async Task RunSqsAsync(Target target, RunRecord run, ScenarioSettings settings)
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

    /// <summary>
    /// sns-publish for every variant (delivery mode × subscribed queue count). The ceiling has no topics: it runs once.
    /// </summary>
    private static async Task RunSnsPublishAsync(Target target, RunRecord run, ScenarioSettings settings)
    {
        var o = run.Options;
        var clients = o.SnsClients;
        await WarmUpAsync(target, settings, variant => SnsPublishScenario.RunAsync(target, target.Name == TargetNames.Ceiling ? null : variant, clients, Brief(settings)), o);
        if (target.Name == TargetNames.Ceiling)
        {
            await Step(target, run, ScenarioNames.SnsPublish, clients, () => SnsPublishScenario.RunAsync(target, null, clients, settings));
            return;
        }
        foreach (var variant in SnsVariant.All(o))
            await Step(target, run, $"{ScenarioNames.SnsPublish} ({variant.Label})", clients, () => SnsPublishScenario.RunAsync(target, variant, clients, settings));
        if (target.Name == TargetNames.Conflux && target.Process is { } process)
            run.SnsPublishMemory = new RunRecord.SnsMemory(ProcStatus.Read(process.Id), SnsVariant.All(o).Sum(v => v.Queues));
    }

    /// <summary>
    /// sns-fanout for every variant at --sns-rate, capped at half the target's own sns-publish rate for that variant,
    /// so a slow target (moto) is measured below its saturation rather than drowned.
    /// </summary>
    private static async Task RunSnsFanoutAsync(Target target, RunRecord run, ScenarioSettings settings)
    {
        var o = run.Options;
        const int connections = BenchOptions.ReferenceClients;
        await WarmUpAsync(target, settings, variant => SnsFanoutScenario.RunAsync(target, variant, Math.Min(o.SnsRate, 50), connections, Brief(settings)), o);
        foreach (var variant in SnsVariant.All(o))
        {
            var saturation = FindSnsPublish(run, target.Name, variant, o.SnsClients)?.Throughput ?? 0;
            var rate = Math.Min(o.SnsRate, saturation / 2);
            if (rate > 0) await Step(target, run, $"{ScenarioNames.SnsFanout} ({variant.Label})", connections, () => SnsFanoutScenario.RunAsync(target, variant, rate, connections, settings));
            else run.Problems.Add($"{target.Name}: {ScenarioNames.SnsFanout} ({variant.Label}) skipped: no publish rate to halve");
        }
    }

    /// <summary>
    /// A freshly started .NET target (Conflux, the ceiling) still runs its SNS code at tier 0 and JIT-compiles it in
    /// the background for several seconds, longer than a scenario's warm-up. A short, discarded run per delivery mode
    /// (10 queues) gets that done first. moto_server needs none.
    /// </summary>
    private static async Task WarmUpAsync(Target target, ScenarioSettings settings, Func<SnsVariant, Task<ScenarioResult>> body, BenchOptions o)
    {
        if (target.Name == TargetNames.Moto) return;
        foreach (var mode in target.Name == TargetNames.Ceiling ? [SnsDeliveryModes.Raw] : o.SnsDelivery)
        {
            Cleanup.Stopping.ThrowIfCancellationRequested();
            var variant = new SnsVariant(mode, Math.Min(10, o.SnsQueues.Max()));
            await Console.Error.WriteLineAsync($"bench: {target.Name}: warm-up ({variant.Label}), not measured");
            try
            {
                await body(variant);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"bench: {target.Name}: warm-up failed: {error.Message}");
            }
        }
    }

    /// <summary>The timing of a warm-up run: no warm-up of its own, a short window.</summary>
    private static ScenarioSettings Brief(ScenarioSettings settings) =>
        settings with { Warmup = TimeSpan.Zero, Measured = TimeSpan.FromSeconds(Math.Min(3, settings.Measured.TotalSeconds)), RunId = settings.RunId + "w" };

    private static ScenarioResult? FindSnsPublish(RunRecord run, string target, SnsVariant variant, int clients) =>
        run.Find(target, ScenarioNames.SnsPublish, variant.Label, clients);

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
