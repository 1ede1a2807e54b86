using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task ListDeadLetterSourceQueues(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var max = context.Parameters.Int("MaxResults");
        if (max is < 1 or > 1000)
            throw CommonErrors.InvalidParameterValue($"Value {max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.");
        var sources = _engine.ListQueues().Where(q => q.Settings.DeadLetter?.TargetQueue == queue.Name).Select(q => q.Name);
        var (page, next) = Paging.Page(sources, context.Parameters.String("NextToken"), max);
        response.StringList("queueUrls", "QueueUrl", page.Select(n => QueueUrl(context, n)));
        response.String("NextToken", next);
    }
}
