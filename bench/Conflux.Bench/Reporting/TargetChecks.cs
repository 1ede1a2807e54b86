using System.Globalization;
using System.Text;
using Conflux.Bench.Options;
using Conflux.Bench.Scenarios;

namespace Conflux.Bench.Reporting;

/// <summary>The project issue's acceptance targets, checked against this run's figures.</summary>
internal static class TargetChecks
{
    private const double GiB = 1L << 30;

    public static void Append(StringBuilder md, RunRecord run)
    {
        const string c = TargetNames.Conflux;
        var o = run.Options;
        const int reference = BenchOptions.ReferenceClients;
        var send64 = run.Find(c, ScenarioNames.Send, reference);
        var ceiling64 = run.Find(TargetNames.Ceiling, ScenarioNames.Send, reference);
        var half = run.Find(c, ScenarioNames.HalfLoad, reference);
        var cycleBatch = run.Find(c, ScenarioNames.CycleBatch, o.Clients);
        var cycleSingle = run.Find(c, ScenarioNames.CycleSingle, o.Clients);

        var rows = new List<(string Target, string Measured, bool? Pass)>
        {
            ("SendMessage, 64 clients ≥ 50% of the ceiling",
                send64 is null || ceiling64 is null ? "not measured" : $"{Format.Rate(send64.Throughput)} req/s = {Format.Percent(send64.Throughput / ceiling64.Throughput)} of {Format.Rate(ceiling64.Throughput)}",
                send64 is null || ceiling64 is null ? null : send64.Throughput >= 0.5 * ceiling64.Throughput),
            ("p99 < 3 ms at half that load",
                half is null ? "not measured" : $"p99 {Format.Millis(half.Latency.P99)} ms at {Format.Rate(half.Throughput)} req/s",
                half is null ? null : half.Latency.P99 < 3000),
            ("send→receive→delete (batch) ≥ 30,000 msg/s",
                cycleBatch is null ? "not measured" : $"{Format.Rate(cycleBatch.Throughput)} msg/s", cycleBatch is null ? null : cycleBatch.Throughput >= 30_000),
            ("send→receive→delete (single) ≥ 10,000 msg/s",
                cycleSingle is null ? "not measured" : $"{Format.Rate(cycleSingle.Throughput)} msg/s", cycleSingle is null ? null : cycleSingle.Throughput >= 10_000),
            MotoMultiple(run),
        };
        rows.AddRange(Backlog(run));
        // A run of SNS scenarios alone lists only the SNS targets (and errors), not a column of unmeasured SQS ones.
        if (!ScenarioNames.All.Any(s => !ScenarioNames.IsSns(s) && o.Runs(s))) rows.Clear();
        if (o.Runs(ScenarioNames.SnsPublish) || o.Runs(ScenarioNames.SnsFanout)) rows.AddRange(Sns(run));
        var errors = run.Results.Where(r => r.Target == c).Sum(r => r.Errors) + (run.Backlog?.Prefill.Errors ?? 0);
        var measured = run.Results.Any(r => r.Target == c);
        rows.Add(("Zero errors from Conflux", measured ? $"{errors:N0} errors" : "not measured", measured ? errors == 0 : null));

        md.AppendLine("## Targets from the project issue").AppendLine();
        md.AppendLine("| Target | Measured | Result |").AppendLine("|---|---|---|");
        foreach (var (target, value, pass) in rows)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {target} | {value} | {(pass is null ? "–" : pass.Value ? "PASS" : "FAIL")} |");
        md.AppendLine();
    }

    /// <summary>The smallest Conflux ÷ moto throughput ratio over every closed-loop scenario both ran.</summary>
    private static (string, string, bool?) MotoMultiple(RunRecord run)
    {
        var pairs = run.Results
            .Where(r => r.Target == TargetNames.Conflux && !r.FixedRate && !ScenarioNames.IsSns(r.Scenario) && !r.Scenario.StartsWith(ScenarioNames.BacklogPrefix, StringComparison.Ordinal))
            .Select(r => (r.Key, Ratio: MarkdownReport.Divide(r.Throughput, run.Peer(r, TargetNames.Moto)?.Throughput)))
            .Where(p => p.Ratio is not null)
            .ToList();
        const string name = "≥ 20× moto_server on each throughput figure";
        if (pairs.Count == 0) return (name, "not measured", null);
        var worst = pairs.MinBy(p => p.Ratio!.Value);
        return (name, $"lowest {Format.Ratio(worst.Ratio)} ({worst.Key}) over {pairs.Count} figures", worst.Ratio >= 20);
    }

    /// <summary>
    /// SNS targets from the issue: durable publish with one queue subscribed ≥ 20,000/s; with 100 queues subscribed,
    /// publisher p99 &lt; 10 ms and every copy received within 100 ms at p99; ≥ 20× moto_server. One row per delivery
    /// mode, since an envelope costs an RSA signature per publish and raw delivery none.
    /// </summary>
    private static IEnumerable<(string, string, bool?)> Sns(RunRecord run)
    {
        const string c = TargetNames.Conflux;
        var o = run.Options;
        foreach (var mode in o.SnsDelivery)
        {
            var one = new SnsVariant(mode, 1);
            var publish = run.Find(c, ScenarioNames.SnsPublish, one.Label, o.SnsClients);
            yield return ($"SNS Publish, 1 queue subscribed, {mode} delivery, ≥ 20,000 msg/s durable",
                publish is null ? "not measured" : $"{Format.Rate(publish.Throughput)} pub/s ({o.SnsClients} publishers, p99 {Format.Millis(publish.Latency.P99)} ms)",
                publish is null ? null : publish.Throughput >= 20_000);
        }
        foreach (var mode in o.SnsDelivery)
        {
            var hundred = new SnsVariant(mode, 100);
            var fanout = run.Find(c, ScenarioNames.SnsFanout, hundred.Label, BenchOptions.ReferenceClients);
            var last = fanout?.Breakdown.FirstOrDefault(b => b.Name == SnsFanoutScenario.LastCopy);
            var load = fanout is null ? "" : $" at {Format.Rate(fanout.Throughput)} pub/s = {Format.Rate(fanout.Throughput * fanout.FanOut)} copies/s";
            yield return ($"SNS fan-out to 100 queues, {mode} delivery: publisher p99 < 10 ms",
                fanout is null ? "not measured" : $"p99 {Format.Millis(fanout.Latency.P99)} ms{load}",
                fanout is null ? null : fanout.Latency.P99 < 10_000);
            yield return ($"SNS fan-out to 100 queues, {mode} delivery: all copies received within 100 ms, p99",
                last is null || last.Count == 0 ? "not measured" : $"last copy p99 {Format.Millis(last.P99)} ms (p50 {Format.Millis(last.P50)} ms, {last.Count:N0} publishes){load}",
                last is null || last.Count == 0 ? null : last.P99 < 100_000);
        }
        var pairs = run.Results
            .Where(r => r.Target == c && r.Scenario == ScenarioNames.SnsPublish)
            .Select(r => (r.Key, Ratio: MarkdownReport.Divide(r.Throughput, run.Peer(r, TargetNames.Moto)?.Throughput)))
            .Where(p => p.Ratio is not null)
            .ToList();
        const string name = "SNS Publish ≥ 20× moto_server on each throughput figure";
        if (pairs.Count == 0)
        {
            yield return (name, "not measured", null);
            yield break;
        }
        var worst = pairs.MinBy(p => p.Ratio!.Value);
        yield return (name, $"lowest {Format.Ratio(worst.Ratio)} ({worst.Key}) over {pairs.Count} figures", worst.Ratio >= 20);
    }

    private static IEnumerable<(string, string, bool?)> Backlog(RunRecord run)
    {
        if (run.Backlog is not { } backlog)
        {
            yield return ("With the backlog queued, figures within 20% of empty", "not measured", null);
            yield return ("With the backlog queued, server memory < 1 GiB", "not measured", null);
            yield break;
        }
        var ratios = backlog.Results
            .Select(r => (r.Key, Ratio: MarkdownReport.Divide(r.Throughput, run.Find(r.Target, r.Scenario[ScenarioNames.BacklogPrefix.Length..], r.Clients)?.Throughput)))
            .Where(p => p.Ratio is not null)
            .ToList();
        var worst = ratios.Count == 0 ? default : ratios.MinBy(p => p.Ratio!.Value);
        yield return ($"With {backlog.Prefill.Messages:N0} messages queued, figures within 20% of empty",
            ratios.Count == 0 ? "no empty-queue figures to compare" : $"lowest {Format.Percent(worst.Ratio)} of empty ({worst.Key})",
            ratios.Count == 0 ? null : worst.Ratio >= 0.8);
        var peak = backlog.Memory?.PeakRss;
        yield return ("With the backlog queued, server memory < 1 GiB", $"peak RSS {Format.Bytes(peak)}", peak is null ? null : peak < GiB);
    }
}
