using System.CommandLine;

namespace Conflux.Bench.Options;

/// <summary>The command line; unknown targets and scenarios are rejected before anything starts.</summary>
internal static class OptionsParser
{
    public static RootCommand Build(Func<BenchOptions, CancellationToken, Task<int>> run, IReadOnlyList<string> arguments)
    {
        var targets = new Option<string>("--targets") { Description = "Comma list of conflux, moto, ceiling", DefaultValueFactory = _ => string.Join(',', TargetNames.All) };
        var scenarios = new Option<string>("--scenarios") { Description = $"Comma list of {string.Join(", ", ScenarioNames.All)}", DefaultValueFactory = _ => string.Join(',', ScenarioNames.All) };
        var clients = new Option<int>("--clients") { Description = "Concurrent clients (SendMessage also runs at 64)", DefaultValueFactory = _ => 32 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per scenario", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds before each measurement", DefaultValueFactory = _ => 2 };
        var backlog = new Option<long>("--backlog") { Description = "Messages to pre-fill for the backlog scenario", DefaultValueFactory = _ => 10_000_000 };
        var skipBacklog = new Option<bool>("--skip-backlog") { Description = "Do not run the backlog scenario" };
        var confluxUrl = new Option<string?>("--conflux-url") { Description = "Use an already-running Conflux server instead of starting one" };
        var report = new Option<string?>("--report") { Description = "Also write the markdown report to this file" };
        var snsQueues = new Option<string>("--sns-queues") { Description = "Comma list of SQS queue counts subscribed to the topic in the SNS scenarios", DefaultValueFactory = _ => "1,10,100" };
        var snsDelivery = new Option<string>("--sns-delivery") { Description = "Comma list of SNS delivery modes: raw (RawMessageDelivery=true), envelope (signed JSON)", DefaultValueFactory = _ => string.Join(',', SnsDeliveryModes.All) };
        var snsClients = new Option<int>("--sns-clients") { Description = "Concurrent publishers in sns-publish", DefaultValueFactory = _ => BenchOptions.ReferenceClients };
        var snsRate = new Option<double>("--sns-rate") { Description = "sns-fanout publish rate per second (capped at half the target's own sns-publish rate)", DefaultValueFactory = _ => 100 };
        var portsFrom = new Option<int?>("--ports-from") { Description = "Start targets on the first free ports at or above this one (default: OS-chosen)" };

        var root = new RootCommand("Conflux end-to-end load generator: Conflux vs moto_server vs a trivial Kestrel endpoint.")
        {
            targets, scenarios, clients, seconds, warmup, backlog, skipBacklog, confluxUrl, report, portsFrom, snsQueues, snsDelivery, snsClients, snsRate,
        };
        root.SetAction((result, cancellation) =>
        {
            var options = new BenchOptions
            {
                Targets = Split(result.GetValue(targets)),
                Scenarios = Split(result.GetValue(scenarios)),
                Clients = result.GetValue(clients),
                Seconds = result.GetValue(seconds),
                WarmupSeconds = result.GetValue(warmup),
                Backlog = result.GetValue(backlog),
                SkipBacklog = result.GetValue(skipBacklog),
                ConfluxUrl = Uri.TryCreate(result.GetValue(confluxUrl), UriKind.Absolute, out var url) ? url : null,
                ReportPath = result.GetValue(report),
                PortsFrom = result.GetValue(portsFrom),
                SnsQueues = Counts(result.GetValue(snsQueues)),
                SnsDelivery = Split(result.GetValue(snsDelivery)),
                SnsClients = result.GetValue(snsClients),
                SnsRate = result.GetValue(snsRate),
                Arguments = arguments,
            };
            var errors = Validate(options).ToList();
            if (result.GetValue(confluxUrl) is { } text && options.ConfluxUrl is null) errors.Add($"--conflux-url '{text}' is not an absolute URL.");
            if (errors.Count == 0) return run(options, cancellation);
            foreach (var error in errors) Console.Error.WriteLine(error);
            return Task.FromResult(2);
        });
        return root;
    }

    private static IEnumerable<string> Validate(BenchOptions o)
    {
        if (o.Clients < 2) yield return "--clients must be at least 2 (the cycle scenarios split them into producers and consumers).";
        if (o.Seconds < 1) yield return "--seconds must be at least 1.";
        if (o.WarmupSeconds < 0) yield return "--warmup must not be negative.";
        if (o.Backlog < 10) yield return "--backlog must be at least 10.";
        foreach (var name in o.Targets.Where(t => !TargetNames.All.Contains(t))) yield return $"Unknown target '{name}'.";
        foreach (var name in o.Scenarios.Where(s => !ScenarioNames.All.Contains(s))) yield return $"Unknown scenario '{name}'.";
        foreach (var name in o.SnsDelivery.Where(d => !SnsDeliveryModes.All.Contains(d))) yield return $"Unknown SNS delivery mode '{name}'.";
        if (o.SnsQueues.Count == 0 || o.SnsQueues.Any(q => q is < 1 or > 1000)) yield return "--sns-queues must list counts from 1 to 1000.";
        if (o.SnsClients < 1) yield return "--sns-clients must be at least 1.";
        if (o.SnsRate is <= 0 or > 100_000 || double.IsNaN(o.SnsRate)) yield return "--sns-rate must be above 0 and at most 100000.";
    }

    private static int[] Counts(string? list) =>
        Split(list).Select(s => int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1).Distinct().Order().ToArray();

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToArray();
}
