using Conflux.Aws.Protocol;
using Conflux.Core.Engine;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task ChangeMessageVisibility(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var handle = context.Parameters.Required("ReceiptHandle");
        var timeout = VisibilityTimeoutOf(context.Parameters);
        var lease = DecodeReceipt(queue, handle);
        var outcome = await _engine.ChangeVisibilityAsync(queue.Name, lease, TimeSpan.FromSeconds(timeout), requireActiveLease: queue.Settings.Ordered).ConfigureAwait(false);
        if (VisibilityError(outcome, handle, timeout) is { } error) throw error;
    }

    private async Task ChangeMessageVisibilityBatch(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var entries = BatchEntries(context, "ChangeMessageVisibilityBatchRequestEntry");
        var failed = new List<(string Id, AwsServiceException Error)>();
        var valid = new List<(string Id, string Handle, int Timeout, LeaseToken Lease)>();
        foreach (var entry in entries)
        {
            var id = entry.String("Id")!;
            try
            {
                var handle = entry.Required("ReceiptHandle");
                var timeout = VisibilityTimeoutOf(entry);
                valid.Add((id, handle, timeout, DecodeReceipt(queue, handle)));
            }
            catch (AwsServiceException error)
            {
                failed.Add((id, error));
            }
        }
        var outcomes = valid.Count == 0
            ? []
            : await _engine.ChangeVisibilityBatchAsync(queue.Name, [.. valid.Select(v => (v.Lease, TimeSpan.FromSeconds(v.Timeout)))], requireActiveLease: queue.Settings.Ordered).ConfigureAwait(false);
        var successful = new List<string>();
        for (var i = 0; i < valid.Count; i++)
        {
            if (VisibilityError(outcomes[i], valid[i].Handle, valid[i].Timeout) is { } error) failed.Add((valid[i].Id, error));
            else successful.Add(valid[i].Id);
        }
        WriteSuccesses(response, "ChangeMessageVisibilityBatchResultEntry", successful);
        WriteFailures(response, failed);
    }

    private static int VisibilityTimeoutOf(RequestNode node)
    {
        var timeout = node.Int("VisibilityTimeout") ?? throw CommonErrors.MissingParameter("VisibilityTimeout");
        return timeout is < 0 or > 43_200
            ? throw CommonErrors.InvalidParameterValue($"Value {timeout} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided.")
            : timeout;
    }

    private static AwsServiceException? VisibilityError(VisibilityOutcome outcome, string handle, int timeout) => outcome switch
    {
        VisibilityOutcome.Changed => null,
        VisibilityOutcome.NotInFlight => SqsErrors.MessageNotInflight(),
        VisibilityOutcome.LimitExceeded => SqsErrors.VisibilityLimitExceeded(timeout),
        _ => SqsErrors.MessageNotAvailableForVisibilityChange(handle),
    };
}
