using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task ListQueues(AwsRequestContext context, ResponseWriter response)
    {
        var p = context.Parameters;
        var prefix = p.String("QueueNamePrefix");
        var max = p.Int("MaxResults");
        if (max is < 1 or > 1000)
            throw CommonErrors.InvalidParameterValue($"Value {max} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.");
        await AuthorizeAsync(context, $"arn:{_account.Partition}:sqs:{_account.Region}:{_account.AccountId}:*").ConfigureAwait(false);
        var names = _engine.ListQueues(string.IsNullOrEmpty(prefix) ? null : prefix).Select(q => q.Name);
        var (page, next) = Paging.Page(names, p.String("NextToken"), max);
        if (page.Count > 0) response.StringList("QueueUrls", "QueueUrl", page.Select(n => QueueUrl(context, n)));
        response.String("NextToken", next);
    }
}
