using System.Globalization;
using System.Text;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Reporting;

/// <summary>Renders a run as markdown: machine, command, scenario one-liners, results, ratios, targets.</summary>
internal static class MarkdownReport
{
    public static string Render(RunRecord run)
    {
        var md = new StringBuilder();
        var o = run.Options;
        md.AppendLine("# Conflux benchmark report").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Generated {run.Started:yyyy-MM-dd HH:mm} UTC, {(DateTimeOffset.UtcNow - run.Started).TotalMinutes:0.0} min. Client and servers share the machine's cores.").AppendLine();

        md.AppendLine("## Machine").AppendLine().AppendLine("| | |").AppendLine("|---|---|");
        var m = run.Machine;
        foreach (var (key, value) in new[]
        {
            ("CPUs (nproc)", m.Processors.ToString(CultureInfo.InvariantCulture)), ("CPU model", m.Cpu), ("Memory", m.Memory), ("OS", m.Os),
            ("Kernel", m.Kernel), (".NET", m.Runtime), ("moto_server", m.Moto), ("Conflux commit", m.Commit),
        })
            md.AppendLine(CultureInfo.InvariantCulture, $"| {key} | {value} |");

        md.AppendLine().AppendLine("## Command").AppendLine().AppendLine("```")
            .AppendLine(("dotnet run -c Release --project bench/Conflux.Bench -- " + string.Join(' ', o.Arguments)).TrimEnd()).AppendLine("```").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Targets: {string.Join(", ", o.Targets)}. {(ScenarioNames.All.Any(n => !ScenarioNames.IsSns(n) && o.Runs(n)) ? $"{o.Clients} clients (send also at {BenchOptions.ReferenceClients}), " : "")}{o.Seconds} s measured after {o.WarmupSeconds} s warm-up, 1 KiB bodies, raw HTTP/1.1 keep-alive, one connection per client. " +
            $"Conflux: {(o.ConfluxUrl is { } url ? $"already running at {url}" : "Release build, SQLite storage, --sync full")}. Ceiling: Kestrel answering every request with a canned reply of the real reply's shape.").AppendLine();
        if (o.Runs(ScenarioNames.SnsPublish) || o.Runs(ScenarioNames.SnsFanout))
            md.AppendLine(CultureInfo.InvariantCulture,
                $"SNS: query protocol (form POST, XML replies), {string.Join(" and ", o.SnsDelivery)} delivery to {string.Join(", ", o.SnsQueues)} subscribed SQS queue(s); sns-publish with {o.SnsClients} publishers, sns-fanout at up to {o.SnsRate:N0} publishes/s (at most half the target's own sns-publish rate).").AppendLine();

        md.AppendLine("## Scenarios").AppendLine();
        foreach (var (name, text) in ScenarioDescriptions.All.Where(d => o.Runs(d.Name)))
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{name}**: {text}");
        md.AppendLine();

        Results(md, run);
        Ratios(md, run);
        Breakdown(md, run);
        SnsFanout(md, run);
        SnsMemory(md, run);
        Backlog(md, run);
        TargetChecks.Append(md, run);

        if (run.Problems.Count > 0)
        {
            md.AppendLine("## Problems").AppendLine();
            foreach (var problem in run.Problems) md.AppendLine(CultureInfo.InvariantCulture, $"- {problem.ReplaceLineEndings(" ")}");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static void Results(StringBuilder md, RunRecord run)
    {
        md.AppendLine("## Results").AppendLine();
        md.AppendLine("Latency is per request, measured by the client. Ratios divide the row's throughput by the same scenario's on the ceiling and on moto_server.").AppendLine();
        md.AppendLine("| Scenario | Clients | Target | Throughput | Requests/s | p50 ms | p99 ms | Errors | ÷ ceiling | ÷ moto |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Ordered(run.Results))
        {
            var ceiling = run.Peer(r, TargetNames.Ceiling);
            var moto = r.Target == TargetNames.Conflux ? run.Peer(r, TargetNames.Moto) : null;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Label} | {r.Clients} | {r.Target} | {Format.Rate(r.Throughput)} {r.Unit}{(r.FixedRate ? " (fixed)" : "")} | {Format.Rate(r.RequestsPerSecond)} | {Format.Millis(r.Latency.P50)} | {Format.Millis(r.Latency.P99)} | {r.Errors:N0} | " +
                $"{(r.FixedRate || r.Target == TargetNames.Ceiling ? "–" : Format.Percent(Divide(r.Throughput, ceiling?.Throughput)))} | {(r.FixedRate ? "–" : Format.Ratio(Divide(r.Throughput, moto?.Throughput)))} |");
        }
        md.AppendLine();
        var notes = run.Results.Where(r => r.Notes.Count > 0 || r.FirstError is not null).ToList();
        if (notes.Count == 0) return;
        md.AppendLine("Notes:").AppendLine();
        foreach (var r in notes)
        {
            foreach (var note in r.Notes) md.AppendLine(CultureInfo.InvariantCulture, $"- {r.Target} {r.Key}: {note}");
            if (r.FirstError is { } error) md.AppendLine(CultureInfo.InvariantCulture, $"- {r.Target} {r.Key}: first error: `{error.ReplaceLineEndings(" ")}`");
        }
        md.AppendLine();
    }

    private static void Ratios(StringBuilder md, RunRecord run)
    {
        // Backlog reruns compare with Conflux's own empty-queue figures (in the Backlog section), not with other targets.
        var conflux = Ordered(run.Results).Where(r => r.Target == TargetNames.Conflux && !r.Scenario.StartsWith(ScenarioNames.BacklogPrefix, StringComparison.Ordinal)).ToList();
        if (conflux.Count == 0) return;
        md.AppendLine("### Conflux as a ratio").AppendLine();
        md.AppendLine("Conflux's figure divided by the other target's: above 1 is better for throughput, below 1 is better for latency.").AppendLine();
        md.AppendLine("| Scenario | Clients | thr. ÷ ceiling | p50 ÷ ceiling | p99 ÷ ceiling | thr. ÷ moto | p50 ÷ moto | p99 ÷ moto |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in conflux)
        {
            var c = run.Peer(r, TargetNames.Ceiling);
            var mo = run.Peer(r, TargetNames.Moto);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Label} | {r.Clients} | {(r.FixedRate ? "–" : Format.Ratio(Divide(r.Throughput, c?.Throughput)))} | {Format.Ratio(Divide(r.Latency.P50, c?.Latency.P50))} | {Format.Ratio(Divide(r.Latency.P99, c?.Latency.P99))} | " +
                $"{(r.FixedRate ? "–" : Format.Ratio(Divide(r.Throughput, mo?.Throughput)))} | {Format.Ratio(Divide(r.Latency.P50, mo?.Latency.P50))} | {Format.Ratio(Divide(r.Latency.P99, mo?.Latency.P99))} |");
        }
        md.AppendLine();
    }

    private static void Breakdown(StringBuilder md, RunRecord run)
    {
        var rows = Ordered(run.Results).Where(r => r.Breakdown.Count > 0).ToList();
        if (rows.Count == 0) return;
        md.AppendLine("### Per-request latency in the cycles and fan-outs").AppendLine();
        md.AppendLine("| Scenario | Target | Request | Samples | p50 ms | p99 ms | max ms |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            foreach (var b in r.Breakdown)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Label} | {r.Target} | {b.Name} | {b.Count:N0} | {Format.Millis(b.P50)} | {Format.Millis(b.P99)} | {Format.Millis(b.Max)} |");
        }
        md.AppendLine();
    }

    private static void SnsFanout(StringBuilder md, RunRecord run)
    {
        var rows = Ordered(run.Results).Where(r => r.Scenario == ScenarioNames.SnsFanout).ToList();
        if (rows.Count == 0) return;
        md.AppendLine("### SNS fan-out").AppendLine();
        md.AppendLine("Publishes on a fixed schedule; one consumer per queue receives (10, wait 1 s) and batch-deletes. \"Last copy\" runs from a publish's start until the last of its copies has been received.").AppendLine();
        md.AppendLine("| Delivery, queues | Target | Publishes/s | Copies/s | Publish p50 ms | Publish p99 ms | Last copy p50 ms | Last copy p99 ms | Last copy max ms | Errors |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var last = r.Breakdown.FirstOrDefault(b => b.Name == Scenarios.SnsFanoutScenario.LastCopy);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Variant} | {r.Target} | {Format.Rate(r.Throughput)} | {Format.Rate(r.Throughput * r.FanOut)} | {Format.Millis(r.Latency.P50)} | {Format.Millis(r.Latency.P99)} | " +
                $"{Format.Millis(last?.P50 ?? 0)} | {Format.Millis(last?.P99 ?? 0)} | {Format.Millis(last?.Max ?? 0)} | {r.Errors:N0} |");
        }
        md.AppendLine();
    }

    private static void SnsMemory(StringBuilder md, RunRecord run)
    {
        if (run.SnsPublishMemory is not { } memory) return;
        md.AppendLine("### Conflux memory after sns-publish").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"RSS {Format.Bytes(memory.Status.Rss)} (peak {Format.Bytes(memory.Status.PeakRss)}) with the {memory.FilledQueues:N0} queues the sns-publish scenarios filled still holding their copies. " +
            $"Each queue keeps up to 10,000 messages / 16 MiB of its backlog in memory, with no cap across queues. The fan-out runs on a fresh server.").AppendLine();
    }

    private static void Backlog(StringBuilder md, RunRecord run)
    {
        if (run.Backlog is not { } backlog) return;
        var p = backlog.Prefill;
        md.AppendLine("## Backlog").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Pre-filled {p.Messages:N0} messages in {p.Seconds:N0} s ({Format.Rate(p.Messages / Math.Max(p.Seconds, 0.001))} msg/s), {p.Errors:N0} errors{(p.FirstError is { } e ? $" (first: `{e.ReplaceLineEndings(" ")}`)" : "")}.").AppendLine();
        md.AppendLine("| Figure | Empty queue | With backlog | Ratio |").AppendLine("|---|---:|---:|---:|");
        foreach (var r in backlog.Results)
        {
            var scenario = r.Scenario[ScenarioNames.BacklogPrefix.Length..];
            var empty = run.Find(r.Target, scenario, r.Clients);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario}@{r.Clients} throughput | {(empty is null ? "–" : Format.Rate(empty.Throughput))} | {Format.Rate(r.Throughput)} {r.Unit} | {Format.Percent(Divide(r.Throughput, empty?.Throughput))} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario}@{r.Clients} p99 ms | {(empty is null ? "–" : Format.Millis(empty.Latency.P99))} | {Format.Millis(r.Latency.P99)} | {Format.Percent(Divide(r.Latency.P99, empty?.Latency.P99))} |");
        }
        md.AppendLine().AppendLine("| Conflux server memory | |").AppendLine("|---|---:|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| RSS after empty-queue scenarios | {Format.Bytes(run.ConfluxMemory?.Rss)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Peak RSS (VmHWM) over the whole run | {Format.Bytes(backlog.Memory?.PeakRss)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| RSS after the backlog scenario (VmRSS) | {Format.Bytes(backlog.Memory?.Rss)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Data directory on disk | {Format.Bytes(backlog.DataBytes)} |");
        md.AppendLine();
    }

    internal static double? Divide(double numerator, double? denominator) => denominator is > 0 ? numerator / denominator : null;

    private static IEnumerable<ScenarioResult> Ordered(IEnumerable<ScenarioResult> results) =>
        results.OrderBy(r => ScenarioOrder(r.Scenario)).ThenBy(r => r.VariantOrder).ThenBy(r => r.Clients).ThenBy(r => TargetOrder(r.Target));

    private static int ScenarioOrder(string scenario)
    {
        var index = ScenarioNames.All.ToList().IndexOf(scenario.StartsWith(ScenarioNames.BacklogPrefix, StringComparison.Ordinal) ? ScenarioNames.Backlog : scenario);
        return (index * 10) + (scenario.EndsWith(ScenarioNames.CycleBatch, StringComparison.Ordinal) ? 1 : 0);
    }

    private static int TargetOrder(string target) => target switch
    {
        TargetNames.Conflux => 0,
        TargetNames.Moto => 1,
        _ => 2,
    };
}
