using Conflux.Bench.Options;

namespace Conflux.Bench.Reporting;

internal static class ScenarioDescriptions
{
    public static readonly IReadOnlyList<(string Name, string Text)> All =
    [
        (ScenarioNames.Send, "closed-loop SendMessage of a 1 KiB body by N clients (and by 64); throughput is requests/s = messages/s."),
        (ScenarioNames.SendBatch, "closed-loop SendMessageBatch of ten 1 KiB messages; throughput is messages/s, requests/s beside it."),
        (ScenarioNames.CycleBatch, "N/2 producers SendMessageBatch(10) while N/2 consumers ReceiveMessage(10, wait 1 s) and DeleteMessageBatch what they got; throughput is messages deleted/s."),
        (ScenarioNames.CycleSingle, "the same with SendMessage, ReceiveMessage(1, wait 1 s) and DeleteMessage."),
        (ScenarioNames.HalfLoad, "SendMessage on an open-loop schedule at half the target's own 64-client send rate; the figure is p50/p99."),
        (ScenarioNames.Backlog, "pre-fill one queue (Conflux only), rerun send and cycle-batch against it; compare with the empty-queue figures and read the server's peak RSS."),
        (ScenarioNames.SnsPublish, "closed-loop SNS Publish of a 1 KiB message by N publishers to a fresh topic with 1, 10 or 100 SQS queues subscribed, raw (RawMessageDelivery=true, unsigned) or as the signed JSON envelope (one RSA-2048 signature per publish); nobody consumes, the queues fill during the run. Throughput is publishes/s; the ceiling answers a canned PublishResponse."),
        (ScenarioNames.SnsFanout, "SNS Publish on an open-loop schedule (--sns-rate, at most half the target's sns-publish rate) while one consumer per queue long-polls (10, wait 1 s) and batch-deletes; every copy is matched to its publish by a stamp in the message, and the figures are the publisher's p50/p99 and the time from a publish's start to the last of its copies received."),
    ];
}
