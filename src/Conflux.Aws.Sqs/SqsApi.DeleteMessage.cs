using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task DeleteMessage(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var handle = context.Parameters.Required("ReceiptHandle");
        var lease = DecodeReceipt(queue, handle);
        var outcome = await _engine.DeleteAsync(queue.Name, lease, requireActiveLease: queue.Settings.Ordered).ConfigureAwait(false);
        if (DeleteError(outcome, handle) is { } error) throw error;
    }

    private async Task DeleteMessageBatch(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var entries = BatchEntries(context, "DeleteMessageBatchRequestEntry");
        var failed = new List<(string Id, AwsServiceException Error)>();
        var valid = new List<(string Id, string Handle, LeaseToken Lease)>();
        foreach (var entry in entries)
        {
            var id = entry.String("Id")!;
            try
            {
                var handle = entry.Required("ReceiptHandle");
                valid.Add((id, handle, DecodeReceipt(queue, handle)));
            }
            catch (AwsServiceException error)
            {
                failed.Add((id, error));
            }
        }
        var outcomes = valid.Count == 0
            ? []
            : await _engine.DeleteBatchAsync(queue.Name, [.. valid.Select(v => v.Lease)], requireActiveLease: queue.Settings.Ordered).ConfigureAwait(false);
        var successful = new List<string>();
        for (var i = 0; i < valid.Count; i++)
        {
            if (DeleteError(outcomes[i], valid[i].Handle) is { } error) failed.Add((valid[i].Id, error));
            else successful.Add(valid[i].Id);
        }
        WriteSuccesses(response, "DeleteMessageBatchResultEntry", successful);
        WriteFailures(response, failed);
    }

    /// <summary>Deleting an already-deleted message succeeds; FIFO queues refuse a lease that ran out.</summary>
    private static AwsServiceException? DeleteError(SettleOutcome outcome, string handle) => outcome switch
    {
        SettleOutcome.LeaseExpired or SettleOutcome.StaleLease => SqsErrors.ReceiptHandleExpired(handle),
        _ => null,
    };

    private LeaseToken DecodeReceipt(QueueDefinition queue, string handle) =>
        _receipts.TryDecode(handle, out var lease) && lease.EntityId == queue.Id
            ? lease
            : throw SqsErrors.ReceiptHandleIsInvalid(handle);

    private static void WriteSuccesses(ResponseWriter response, string xmlItem, List<string> ids)
    {
        if (ids.Count == 0) return;
        response.BeginList("Successful", xmlItem);
        foreach (var id in ids)
        {
            response.BeginItem();
            response.String("Id", id);
            response.EndItem();
        }
        response.EndList();
    }
}
