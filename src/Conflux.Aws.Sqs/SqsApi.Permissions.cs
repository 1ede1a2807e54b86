using System.Text.Json.Nodes;
using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

/// <summary>AddPermission / RemovePermission edit statements of the queue's access policy, as SQS does.</summary>
public sealed partial class SqsApi
{
    private static readonly HashSet<string> PermissionActions = new(StringComparer.Ordinal)
    {
        "*", "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch",
        "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "GetQueueAttributes", "GetQueueUrl",
        "ListDeadLetterSourceQueues", "PurgeQueue", "ListQueueTags",
    };

    private async Task AddPermission(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var p = context.Parameters;
        var label = p.Required("Label");
        if (!SqsNames.IsValidBatchEntryId(label))
            throw CommonErrors.InvalidParameterValue($"Value {label} for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.");
        var accounts = p.StringList("AWSAccountIds", "AWSAccountId");
        if (accounts is null || accounts.Count == 0) throw CommonErrors.MissingParameter("AWSAccountIds");
        var actions = p.StringList("Actions", "ActionName");
        if (actions is null || actions.Count == 0) throw CommonErrors.MissingParameter("Actions");
        foreach (var action in actions)
        {
            if (!PermissionActions.Contains(action))
                throw CommonErrors.InvalidParameterValue($"Value SQS:{action} for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions.");
        }
        var arn = SqsNames.Arn(_account, queue.Name);
        await _engine.UpdateQueueAsync(queue.Name, current =>
        {
            var policy = current.Attributes.TryGetValue(QueueAttributes.Policy, out var json)
                ? JsonNode.Parse(json)!.AsObject()
                : new JsonObject { ["Version"] = "2008-10-17", ["Id"] = $"{arn}/SQSDefaultPolicy", ["Statement"] = new JsonArray() };
            if (policy["Statement"] is not JsonArray statements) policy["Statement"] = statements = [];
            if (statements.Any(s => s?["Sid"]?.GetValue<string>() == label))
                throw CommonErrors.InvalidParameterValue($"Value {label} for parameter Label is invalid. Reason: Already exists.");
            statements.Add(new JsonObject
            {
                ["Sid"] = label,
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = OneOrMany(accounts.Select(a => $"arn:{_account.Partition}:iam::{a}:root")) },
                ["Action"] = OneOrMany(actions.Select(a => $"SQS:{a}")),
                ["Resource"] = arn,
            });
            return current with { Attributes = WithAttribute(current.Attributes, QueueAttributes.Policy, policy.ToJsonString()) };
        }).ConfigureAwait(false);
    }

    private async Task RemovePermission(AwsRequestContext context)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var label = context.Parameters.Required("Label");
        await _engine.UpdateQueueAsync(queue.Name, current =>
        {
            var policy = current.Attributes.TryGetValue(QueueAttributes.Policy, out var json) ? JsonNode.Parse(json) as JsonObject : null;
            var statements = policy?["Statement"] as JsonArray;
            var match = statements?.FirstOrDefault(s => s?["Sid"]?.GetValue<string>() == label)
                ?? throw CommonErrors.InvalidParameterValue($"Value {label} for parameter Label is invalid. Reason: can't find label.");
            statements!.Remove(match);
            return current with
            {
                Attributes = WithAttribute(current.Attributes, QueueAttributes.Policy, statements.Count == 0 ? null : policy!.ToJsonString()),
            };
        }).ConfigureAwait(false);
    }

    private static JsonNode OneOrMany(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 1 ? JsonValue.Create(list[0]) : new JsonArray([.. list.Select(v => (JsonNode)JsonValue.Create(v))]);
    }

    private static SortedDictionary<string, string> WithAttribute(IReadOnlyDictionary<string, string> attributes, string name, string? value)
    {
        var copy = new SortedDictionary<string, string>(attributes.ToDictionary(), StringComparer.Ordinal);
        if (value is null) copy.Remove(name);
        else copy[name] = value;
        return copy;
    }
}
