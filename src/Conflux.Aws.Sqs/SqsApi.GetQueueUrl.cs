using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task GetQueueUrl(AwsRequestContext context, ResponseWriter response)
    {
        var name = context.Parameters.Required("QueueName");
        var owner = context.Parameters.String("QueueOwnerAWSAccountId");
        if ((owner is not null && owner != _account.AccountId) || _engine.GetQueue(name) is null)
            throw SqsErrors.QueueDoesNotExist(context.Protocol);
        await AuthorizeAsync(context, SqsNames.Arn(_account, name)).ConfigureAwait(false);
        response.String("QueueUrl", QueueUrl(context, name));
    }
}
