using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task GetQueueAttributes(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var names = context.Parameters.StringList("AttributeNames", "AttributeName");
        if (names is null || names.Count == 0) return;
        var attributes = _attributes.Render(queue, _engine.GetStats(queue.Name), names);
        if (attributes.Count > 0) response.StringMap("Attributes", "Attribute", attributes);
    }
}
