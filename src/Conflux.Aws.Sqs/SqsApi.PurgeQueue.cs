using Conflux.Aws.Protocol;
using Conflux.Core.Engine;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(60);

    private async Task PurgeQueue(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        try
        {
            await _engine.PurgeAsync(queue.Name, PurgeInterval).ConfigureAwait(false);
        }
        catch (EngineException error) when (error.Error == EngineError.PurgeInProgress)
        {
            throw SqsErrors.PurgeQueueInProgress(queue.Name);
        }
    }
}
