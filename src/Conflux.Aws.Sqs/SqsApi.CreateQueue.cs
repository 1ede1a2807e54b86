using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task CreateQueue(AwsRequestContext context, ResponseWriter response)
    {
        var p = context.Parameters;
        var name = p.Required("QueueName");
        var attributes = p.StringMap("Attributes", "Attribute") ?? [];
        var tags = p.StringMap("tags", "Tag", "Key", "Value") ?? [];
        var fifoValue = attributes.LastOrDefault(a => a.Key == QueueAttributes.FifoQueue).Value;
        var fifo = string.Equals(fifoValue, "true", StringComparison.OrdinalIgnoreCase);
        if (fifo && !SqsNames.IsValidQueueName(name, fifo: true))
            throw CommonErrors.InvalidParameterValue("The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.");
        if (!fifo && !SqsNames.IsValidQueueName(name, fifo: false))
            throw CommonErrors.InvalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        var validTags = SqsTags.Validate(tags, existing: null);
        await AuthorizeAsync(context, SqsNames.Arn(_account, name)).ConfigureAwait(false);

        if (_engine.GetQueue(name) is null && _engine.LastDeletedAtMs(name) is { } deletedAt && _engine.NowMs() - deletedAt < 60_000)
            throw SqsErrors.QueueDeletedRecently();

        var proposal = _attributes.Apply(QueueAttributes.NewDefinition(name, fifo), attributes, creating: true) with { Tags = validTags };
        var (definition, created) = await _engine.CreateQueueAsync(proposal).ConfigureAwait(false);
        if (!created)
        {
            if (definition.Settings.Ordered != fifo) throw SqsErrors.QueueAlreadyExists(QueueAttributes.FifoQueue);
            if (_attributes.FirstDifference(definition, attributes) is { } different) throw SqsErrors.QueueAlreadyExists(different);
        }
        response.String("QueueUrl", QueueUrl(context, definition.Name));
    }
}
