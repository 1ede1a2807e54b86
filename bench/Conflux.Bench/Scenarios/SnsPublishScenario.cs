using Conflux.Bench.Client;
using Conflux.Bench.Hosting;
using Conflux.Bench.Measurement;
using Conflux.Bench.Options;

namespace Conflux.Bench.Scenarios;

/// <summary>
/// sns-publish: closed-loop Publish of a 1 KiB message by N publishers to a topic with Q SQS queues subscribed.
/// Nobody consumes: the queues fill for the length of the run (at most a few hundred thousand copies each) and are
/// left as they are afterwards, since every scenario uses fresh queues and a purge would reclaim rows in the background
/// while the next scenario runs.
/// </summary>
internal static class SnsPublishScenario
{
    /// <summary>What the ceiling is given as a topic: it answers every form POST with a canned PublishResponse.</summary>
    private const string CeilingTopicArn = "arn:aws:sns:us-east-1:000000000000:ceiling";

    public static async Task<ScenarioResult> RunAsync(Target target, SnsVariant? variant, int clients, ScenarioSettings settings)
    {
        // The ceiling has no topics or queues; it runs once, without a variant.
        var topicArn = variant is null
            ? CeilingTopicArn
            : (await SnsTopology.CreateAsync(target, variant.TopicName(ScenarioNames.SnsPublish, settings), variant.Queues, variant.Raw, settings.Cancellation)).TopicArn;
        using var sns = new SnsHttp(target.BaseUri, clients);
        var window = settings.NewWindow();
        // Every publisher sends the same bytes (read-only, so shared): the stamp only matters to sns-fanout.
        var body = SnsRequests.Publish(topicArn).Bytes;
        var stats = await ClosedLoop.RunAsync("Publish", clients, window, async (reply, cancellation) =>
        {
            var status = await sns.PostAsync(body, reply, cancellation);
            return status == 200 && SnsReply.HasMessageId(reply.Span) ? null : $"Publish: HTTP {status} {reply.Preview()}";
        }, settings.Cancellation);
        var publishes = stats.Requests / window.Seconds;
        return new ScenarioResult
        {
            Scenario = ScenarioNames.SnsPublish,
            Variant = variant?.Label ?? "canned reply",
            VariantOrder = variant?.Order ?? 0,
            FanOut = variant?.Queues ?? 1,
            Target = target.Name,
            Clients = clients,
            Throughput = publishes,
            Unit = "pub/s",
            RequestsPerSecond = publishes,
            Latency = LatencySummary.From(stats.Name, stats.Latency),
            Errors = stats.Errors,
            FirstError = stats.FirstError,
            Notes = variant is null ? [] : [$"{publishes * variant.Queues:N0} copies/s written into {variant.Queues} queue(s), nobody consuming"],
        };
    }
}
