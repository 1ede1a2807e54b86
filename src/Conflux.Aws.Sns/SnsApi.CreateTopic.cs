using Conflux.Aws.Protocol;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    private async Task CreateTopic(AwsRequestContext context, ResponseWriter response)
    {
        var p = context.Parameters;
        var name = p.String("Name") ?? throw SnsErrors.Invalid("Name");
        var attributes = p.StringMap("Attributes", "Attributes.entry", "key", "value") ?? [];
        if (p.String("DataProtectionPolicy") is { } protection) attributes = [.. attributes, new(TopicAttributes.DataProtectionPolicy, protection)];
        var tags = SnsTags.Read(p);
        var fifoAttribute = attributes.LastOrDefault(a => a.Key == TopicAttributes.FifoTopic).Value;
        if (fifoAttribute is not (null or "true" or "false")) throw SnsErrors.Invalid("Attributes", "Invalid value for FifoTopic.");
        var fifo = fifoAttribute == "true";
        if (fifo && !SnsNames.IsValidTopicName(name, fifo: true))
            throw SnsErrors.InvalidParameter("Invalid parameter: Topic Name");
        if (!fifo && !SnsNames.IsValidTopicName(name, fifo: false))
            throw SnsErrors.InvalidParameter("Invalid parameter: Topic Name");
        foreach (var (key, value) in attributes) TopicAttributes.Validate(key, value, fifo);
        var arn = TopicArn(name);
        await AuthorizeAsync(context, arn).ConfigureAwait(false);

        if (_engine.GetTopic(name) is { } existing)
        {
            ThrowIfDifferent(existing, attributes, tags);
            response.String("TopicArn", arn);
            return;
        }
        var proposal = TopicAttributes.Apply(new TopicDefinition
        {
            Id = 0,
            Name = name,
            Ordered = fifo,
            RequiresDeduplication = fifo,
            Tags = tags ?? new SortedDictionary<string, string>(StringComparer.Ordinal),
        }, attributes);
        var (created, isNew) = await _engine.CreateTopicAsync(proposal).ConfigureAwait(false);
        if (!isNew) ThrowIfDifferent(created, attributes, tags);
        response.String("TopicArn", arn);
    }

    /// <summary>CreateTopic is idempotent only when nothing it asks for differs from the existing topic.</summary>
    private static void ThrowIfDifferent(TopicDefinition existing, IReadOnlyList<KeyValuePair<string, string>> attributes, IReadOnlyDictionary<string, string>? tags)
    {
        foreach (var (key, value) in attributes)
        {
            var current = key switch
            {
                TopicAttributes.FifoTopic => existing.Ordered ? "true" : "false",
                TopicAttributes.ContentBasedDeduplication => existing.ContentBasedDeduplication ? "true" : "false",
                _ => existing.Attributes.GetValueOrDefault(key) ?? (key == "DisplayName" ? "" : null),
            };
            if (current != value) throw SnsErrors.Invalid("Attributes", "Topic already exists with different attributes");
        }
        if (tags is null) return;
        foreach (var (key, value) in tags)
            if (existing.Tags.GetValueOrDefault(key) != value) throw SnsErrors.Invalid("Tags", "Topic already exists with different tags");
    }

    private async Task DeleteTopic(AwsRequestContext context)
    {
        var arn = context.Parameters.String("TopicArn") ?? throw SnsErrors.Invalid("TopicArn");
        if (!SnsNames.TryParseTopicArn(_account, arn, out var name))
            throw SnsNames.LooksLikeArn(arn) ? SnsErrors.TopicNotFound() : SnsErrors.Invalid("TopicArn");
        await AuthorizeAsync(context, arn).ConfigureAwait(false);
        // Deleting a topic that does not exist is not an error in SNS.
        if (_engine.GetTopic(name) is null) return;
        try
        {
            await _engine.DeleteTopicAsync(name).ConfigureAwait(false);
        }
        catch (Core.Engine.EngineException error) when (error.Error == Core.Engine.EngineError.EntityNotFound)
        {
        }
    }

    private async Task ListTopics(AwsRequestContext context, ResponseWriter response)
    {
        await AuthorizeAsync(context, $"arn:{_account.Partition}:sns:{_account.Region}:{_account.AccountId}:*").ConfigureAwait(false);
        var (page, next) = KeyPaging.Page(_engine.ListTopics().Select(t => t.Name), context.Parameters.String("NextToken"), 100, static () => SnsErrors.Invalid("NextToken"));
        response.BeginList("Topics", "member");
        foreach (var name in page)
        {
            response.BeginItem();
            response.String("TopicArn", TopicArn(name));
            response.EndItem();
        }
        response.EndList();
        response.String("NextToken", next);
    }
}
