using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task DeleteQueue(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        await _engine.DeleteQueueAsync(queue.Name).ConfigureAwait(false);
    }
}
