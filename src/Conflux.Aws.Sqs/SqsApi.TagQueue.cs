using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task TagQueue(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var tags = context.Parameters.StringMap("Tags", "Tag", "Key", "Value") ?? throw CommonErrors.MissingParameter("Tags");
        await _engine.UpdateQueueAsync(queue.Name, current => current with { Tags = SqsTags.Validate(tags, current.Tags) }).ConfigureAwait(false);
    }

    private async Task UntagQueue(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var keys = context.Parameters.StringList("TagKeys", "TagKey") ?? throw CommonErrors.MissingParameter("TagKeys");
        await _engine.UpdateQueueAsync(queue.Name, current =>
        {
            var remaining = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in current.Tags)
                if (!keys.Contains(key)) remaining[key] = value;
            return current with { Tags = remaining };
        }).ConfigureAwait(false);
    }

    private async Task ListQueueTags(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        if (queue.Tags.Count > 0) response.StringMap("Tags", "Tag", queue.Tags, "Key", "Value");
    }
}
