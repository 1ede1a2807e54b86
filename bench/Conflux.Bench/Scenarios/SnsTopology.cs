using Conflux.Bench.Client;
using Conflux.Bench.Hosting;

namespace Conflux.Bench.Scenarios;

/// <summary>One SNS scenario's topic with its SQS queues subscribed, all fresh (named for this run).</summary>
internal sealed record SnsTopology(string TopicArn, IReadOnlyList<string> QueueUrls)
{
    // Setting up 100 queues on moto_server one call at a time takes a while; a few at once is plenty.
    private const int SetupParallelism = 8;

    /// <summary>Creates the topic and <paramref name="queues"/> queues, and subscribes each (RawMessageDelivery when <paramref name="raw"/>).</summary>
    public static async Task<SnsTopology> CreateAsync(Target target, string name, int queues, bool raw, CancellationToken cancellation)
    {
        using var sns = new SnsHttp(target.BaseUri, SetupParallelism);
        var reply = new ResponseBuffer();
        var status = await sns.PostAsync(SnsRequests.CreateTopic(name), reply, cancellation);
        var topicArn = status == 200 ? SnsReply.Element(reply.Span, "TopicArn") : null;
        if (topicArn is null) throw new InvalidOperationException($"{target.Name}: CreateTopic {name} answered HTTP {status}: {reply.Preview()}");

        using var sqs = new SqsHttp(target.BaseUri, SetupParallelism);
        var urls = new string[queues];
        await Parallel.ForEachAsync(Enumerable.Range(0, queues), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = cancellation }, async (i, token) =>
        {
            var buffer = new ResponseBuffer();
            var url = await Queues.CreateAsync(target, $"{name}-{i}", token);
            var code = await sqs.PostAsync(SqsAction.GetQueueAttributes, RequestBodies.GetQueueArn(url), buffer, token);
            var queueArn = code == 200 ? ReplyReader.QueueArn(buffer.Span) : null;
            if (queueArn is null) throw new InvalidOperationException($"{target.Name}: GetQueueAttributes(QueueArn) of {url} answered HTTP {code}: {buffer.Preview()}");
            code = await sns.PostAsync(SnsRequests.SubscribeQueue(topicArn, queueArn, raw), buffer, token);
            if (code != 200 || SnsReply.Element(buffer.Span, "SubscriptionArn") is null)
                throw new InvalidOperationException($"{target.Name}: Subscribe {queueArn} answered HTTP {code}: {buffer.Preview()}");
            urls[i] = url;
        });

        // One publish before anything is measured: a target may set up per-subscription state on first delivery
        // (moto_server generates an RSA key per subscription for envelopes, which 64 concurrent first publishes would
        // each repeat). Its copies carry a zero stamp, which consumers skip.
        status = await sns.PostAsync(SnsRequests.Publish(topicArn).Bytes, reply, cancellation);
        if (status != 200 || !SnsReply.HasMessageId(reply.Span)) throw new InvalidOperationException($"{target.Name}: priming Publish to {topicArn} answered HTTP {status}: {reply.Preview()}");
        return new SnsTopology(topicArn, urls);
    }
}
