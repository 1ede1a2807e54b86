using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task SetQueueAttributes(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var attributes = context.Parameters.StringMap("Attributes", "Attribute") ?? throw CommonErrors.MissingParameter("Attributes");
        var now = _engine.NowMs();
        await _engine.UpdateQueueAsync(queue.Name, current =>
            _attributes.Apply(current, attributes, creating: false) with { ModifiedAtMs = now }).ConfigureAwait(false);
    }
}
