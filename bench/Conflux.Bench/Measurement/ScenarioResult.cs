namespace Conflux.Bench.Measurement;

/// <summary>Latency percentiles in microseconds.</summary>
public sealed record LatencySummary(string Name, long Count, double P50, double P99, double Max)
{
    internal static LatencySummary From(string name, Histogram histogram) =>
        new(name, histogram.Count, histogram.Percentile(50), histogram.Percentile(99), histogram.Max);
}

/// <summary>One scenario against one target.</summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    public required string Target { get; init; }

    public required int Clients { get; init; }

    /// <summary>The headline rate: messages/s (or requests/s for single-message scenarios).</summary>
    public required double Throughput { get; init; }

    public required string Unit { get; init; }

    public required double RequestsPerSecond { get; init; }

    /// <summary>Per-request latency over every request the scenario made.</summary>
    public required LatencySummary Latency { get; init; }

    /// <summary>Per-action (and end-to-end) latency where a scenario makes more than one kind of request.</summary>
    public IReadOnlyList<LatencySummary> Breakdown { get; init; } = [];

    public required long Errors { get; init; }

    public string? FirstError { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether throughput is a load the bench imposed (open loop) rather than one it measured.</summary>
    public bool FixedRate { get; init; }

    /// <summary>What distinguishes runs of one scenario at one client count (e.g. "raw, 100 queues"); null for SQS scenarios.</summary>
    public string? Variant { get; init; }

    /// <summary>Sorts variants in the report (e.g. by delivery mode, then queue count).</summary>
    public int VariantOrder { get; init; }

    /// <summary>Copies each operation makes: the number of queues subscribed in SNS scenarios, else 1.</summary>
    public int FanOut { get; init; } = 1;

    /// <summary>The scenario with its variant, as the report's first column shows it.</summary>
    public string Label => Variant is null ? Scenario : $"{Scenario} ({Variant})";

    /// <summary>Results compare across targets when their keys match.</summary>
    public string Key => $"{Label}@{Clients}";
}
