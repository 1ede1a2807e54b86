namespace Conflux.Bench.Options;

/// <summary>One bench run's configuration, straight from the command line.</summary>
public sealed record BenchOptions
{
    public IReadOnlyList<string> Targets { get; init; } = TargetNames.All;

    public IReadOnlyList<string> Scenarios { get; init; } = ScenarioNames.All;

    public int Clients { get; init; } = 32;

    public int Seconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 2;

    public long Backlog { get; init; } = 10_000_000;

    public bool SkipBacklog { get; init; }

    public Uri? ConfluxUrl { get; init; }

    public string? ReportPath { get; init; }

    /// <summary>How many SQS queues each SNS scenario subscribes to its topic, one run per count.</summary>
    public IReadOnlyList<int> SnsQueues { get; init; } = [1, 10, 100];

    /// <summary>SNS delivery modes to run: raw (RawMessageDelivery=true) and/or envelope (the signed JSON notification).</summary>
    public IReadOnlyList<string> SnsDelivery { get; init; } = SnsDeliveryModes.All;

    /// <summary>Concurrent publishers in sns-publish (the SQS send scenario's reference load).</summary>
    public int SnsClients { get; init; } = ReferenceClients;

    /// <summary>sns-fanout's open-loop publish rate (publishes/s), capped at half the target's own sns-publish rate.</summary>
    public double SnsRate { get; init; } = 100;

    /// <summary>When set, targets listen on the first free ports at or above this one instead of OS-chosen ones.</summary>
    public int? PortsFrom { get; init; }

    /// <summary>The arguments as given, for the report.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public bool Runs(string scenario) => Scenarios.Contains(scenario) && !(scenario == ScenarioNames.Backlog && SkipBacklog);

    /// <summary>SendMessage always runs at the requested client count and at 64, the reference load.</summary>
    public IReadOnlyList<int> SendClientCounts => Clients == ReferenceClients ? [Clients] : [Clients, ReferenceClients];

    public const int ReferenceClients = 64;
}

public static class TargetNames
{
    public const string Conflux = "conflux";
    public const string Moto = "moto";
    public const string Ceiling = "ceiling";

    public static readonly IReadOnlyList<string> All = [Conflux, Moto, Ceiling];
}

public static class ScenarioNames
{
    public const string Send = "send";
    public const string SendBatch = "send-batch";
    public const string CycleBatch = "cycle-batch";
    public const string CycleSingle = "cycle-single";
    public const string HalfLoad = "latency-at-half-load";
    public const string Backlog = "backlog";
    public const string SnsPublish = "sns-publish";
    public const string SnsFanout = "sns-fanout";

    /// <summary>Names the reruns against the pre-filled queue, e.g. "backlog:send".</summary>
    public const string BacklogPrefix = Backlog + ":";

    public static readonly IReadOnlyList<string> All = [Send, SendBatch, CycleBatch, CycleSingle, HalfLoad, Backlog, SnsPublish, SnsFanout];

    public static bool IsSns(string scenario) => scenario.StartsWith("sns-", StringComparison.Ordinal);
}

public static class SnsDeliveryModes
{
    /// <summary>RawMessageDelivery=true: the queue receives the published text as is, unsigned.</summary>
    public const string Raw = "raw";

    /// <summary>The default: a JSON Notification envelope with an RSA signature (SignatureVersion 1).</summary>
    public const string Envelope = "envelope";

    public static readonly IReadOnlyList<string> All = [Raw, Envelope];
}
