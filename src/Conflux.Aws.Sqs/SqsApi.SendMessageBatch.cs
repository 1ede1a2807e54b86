using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private const int MaxBatchBytes = 1_048_576;

    private async Task SendMessageBatch(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var entries = BatchEntries(context, "SendMessageBatchRequestEntry");
        var fifo = queue.Settings.Ordered;
        if (fifo)
        {
            // FIFO batches fail whole when an entry lacks its group or deduplication id.
            if (entries.Any(e => e.String("MessageGroupId") is null))
                throw CommonErrors.InvalidParameterValue("The request must contain the parameter MessageGroupId.");
            if (!queue.Settings.ContentBasedDeduplication && entries.Any(e => e.String("MessageDeduplicationId") is null))
                throw SqsErrors.DeduplicationIdRequired();
        }

        var accepted = new List<(string Id, ParsedSend Parsed)>(entries.Count);
        var failed = new List<(string Id, AwsServiceException Error)>();
        long total = 0;
        foreach (var entry in entries)
        {
            var id = entry.String("Id")!;
            try
            {
                var parsed = ParseSend(entry, queue, context.Principal, batchEntry: true);
                accepted.Add((id, parsed));
                total += parsed.Size;
            }
            catch (AwsServiceException error)
            {
                failed.Add((id, error));
                total += System.Text.Encoding.UTF8.GetByteCount(entry.String("MessageBody") ?? "");
            }
        }
        if (total > MaxBatchBytes) throw SqsErrors.BatchRequestTooLong(total);

        var results = accepted.Count == 0
            ? []
            : await _engine.SendBatchAsync(queue.Name, [.. accepted.Select(a => a.Parsed.Draft)]).ConfigureAwait(false);
        if (accepted.Count > 0)
        {
            response.BeginList("Successful", "SendMessageBatchResultEntry");
            for (var i = 0; i < accepted.Count; i++)
            {
                response.BeginItem();
                WriteSendResult(response, accepted[i].Id, accepted[i].Parsed, results[i], fifo);
                response.EndItem();
            }
            response.EndList();
        }
        WriteFailures(response, failed);
    }
}
