using Conflux.Aws.Protocol;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    private async Task<TopicDefinition> TaggedTopic(AwsRequestContext context)
    {
        var arn = context.Parameters.String("ResourceArn") ?? throw SnsErrors.Invalid("ResourceArn");
        if (!SnsNames.TryParseTopicArn(_account, arn, out var name) || _engine.GetTopic(name) is not { } topic) throw SnsErrors.ResourceNotFound();
        await AuthorizeAsync(context, arn).ConfigureAwait(false);
        return topic;
    }

    private async Task TagResource(AwsRequestContext context)
    {
        var topic = await TaggedTopic(context).ConfigureAwait(false);
        var tags = SnsTags.Read(context.Parameters) ?? throw SnsErrors.Invalid("Tags");
        await _engine.UpdateTopicAsync(topic.Name, current =>
        {
            var merged = new SortedDictionary<string, string>(current.Tags.ToDictionary(), StringComparer.Ordinal);
            foreach (var (key, value) in tags) merged[key] = value;
            if (merged.Count > SnsTags.MaxTags) throw SnsErrors.TagLimitExceeded();
            return current with { Tags = merged };
        }).ConfigureAwait(false);
    }

    private async Task UntagResource(AwsRequestContext context)
    {
        var topic = await TaggedTopic(context).ConfigureAwait(false);
        var keys = context.Parameters.StringList("TagKeys", "TagKeys.member") ?? throw SnsErrors.Invalid("TagKeys");
        await _engine.UpdateTopicAsync(topic.Name, current =>
        {
            var remaining = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in current.Tags)
                if (!keys.Contains(key)) remaining[key] = value;
            return current with { Tags = remaining };
        }).ConfigureAwait(false);
    }

    private async Task ListTagsForResource(AwsRequestContext context, ResponseWriter response)
    {
        var topic = await TaggedTopic(context).ConfigureAwait(false);
        response.BeginList("Tags", "member");
        foreach (var (key, value) in topic.Tags)
        {
            response.BeginItem();
            response.String("Key", key);
            response.String("Value", value);
            response.EndItem();
        }
        response.EndList();
    }
}
