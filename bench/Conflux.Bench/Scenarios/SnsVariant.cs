using System.Globalization;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>One SNS configuration: how many queues are subscribed and how copies are delivered to them.</summary>
internal sealed record SnsVariant(string Delivery, int Queues)
{
    public bool Raw => Delivery == SnsDeliveryModes.Raw;

    /// <summary>The report's label, e.g. "raw, 100 queues".</summary>
    public string Label => $"{Delivery}, {Queues.ToString(CultureInfo.InvariantCulture)} {(Queues == 1 ? "queue" : "queues")}";

    /// <summary>Raw before envelope, then by queue count.</summary>
    public int Order => ((Raw ? 0 : 1) * 100_000) + Queues;

    /// <summary>A topic name unique to this run and variant; its queues append "-0", "-1", ….</summary>
    public string TopicName(string scenario, ScenarioSettings settings) =>
        $"bench-{scenario}-{(Raw ? "raw" : "env")}-{Queues.ToString(CultureInfo.InvariantCulture)}q-{settings.RunId}";

    public static IEnumerable<SnsVariant> All(BenchOptions options) =>
        options.SnsDelivery.SelectMany(d => options.SnsQueues.Select(q => new SnsVariant(d, q)));
}
