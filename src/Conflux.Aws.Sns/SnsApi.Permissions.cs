using System.Text.Json.Nodes;
using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    /// <summary>Adds a statement (Sid = Label) to the topic's access policy, as SNS does.</summary>
    private async Task AddPermission(AwsRequestContext context)
    {
        var topic = await TopicFor(context).ConfigureAwait(false);
        var p = context.Parameters;
        var label = p.String("Label") ?? throw SnsErrors.Invalid("Label");
        var accounts = p.StringList("AWSAccountId", "AWSAccountId.member") ?? throw SnsErrors.Invalid("AWSAccountId");
        var actions = p.StringList("ActionName", "ActionName.member") ?? throw SnsErrors.Invalid("ActionName");
        if (label.Length is 0 or > 100 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) throw SnsErrors.Invalid("Label");
        if (actions.Any(a => !TopicActions.Contains(a))) throw SnsErrors.InvalidParameter("Invalid parameter: Policy statement action out of service scope!");
        var arn = TopicArn(topic.Name);
        await _engine.UpdateTopicAsync(topic.Name, current =>
        {
            var policy = PolicyDocument(current.Attributes.GetValueOrDefault(TopicAttributes.Policy), arn);
            var statements = policy["Statement"]!.AsArray();
            if (statements.Any(s => s?["Sid"]?.GetValue<string>() == label)) throw SnsErrors.InvalidParameter("Invalid parameter: Statement already exists");
            var principals = new JsonArray([.. accounts.Select(a => (JsonNode)JsonValue.Create($"arn:{_account.Partition}:iam::{a}:root")!)]);
            statements.Add(new JsonObject
            {
                ["Sid"] = label,
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = principals.Count == 1 ? principals[0]!.DeepClone() : principals },
                ["Action"] = actions.Count == 1 ? $"SNS:{actions[0]}" : new JsonArray([.. actions.Select(a => (JsonNode)JsonValue.Create($"SNS:{a}")!)]),
                ["Resource"] = arn,
            });
            return TopicAttributes.Apply(current, [new(TopicAttributes.Policy, policy.ToJsonString())]);
        }).ConfigureAwait(false);
    }

    private async Task RemovePermission(AwsRequestContext context)
    {
        var topic = await TopicFor(context).ConfigureAwait(false);
        var label = context.Parameters.String("Label") ?? throw SnsErrors.Invalid("Label");
        var arn = TopicArn(topic.Name);
        await _engine.UpdateTopicAsync(topic.Name, current =>
        {
            var policy = PolicyDocument(current.Attributes.GetValueOrDefault(TopicAttributes.Policy), arn);
            var statements = policy["Statement"]!.AsArray();
            var match = statements.FirstOrDefault(s => s?["Sid"]?.GetValue<string>() == label);
            if (match is null) return current;
            statements.Remove(match);
            return TopicAttributes.Apply(current, [new(TopicAttributes.Policy, policy.ToJsonString())]);
        }).ConfigureAwait(false);
    }

    /// <summary>The actions a topic policy statement may grant.</summary>
    private static readonly HashSet<string> TopicActions = new(StringComparer.Ordinal)
    {
        "Publish", "Subscribe", "Receive", "GetTopicAttributes", "SetTopicAttributes", "DeleteTopic", "AddPermission", "RemovePermission",
        "ListSubscriptionsByTopic", "ListTopics", "ListSubscriptions", "ConfirmSubscription", "Unsubscribe", "TagResource", "UntagResource",
        "ListTagsForResource", "GetDataProtectionPolicy", "PutDataProtectionPolicy", "GetSubscriptionAttributes", "SetSubscriptionAttributes",
    };

    private JsonObject PolicyDocument(string? stored, string arn)
    {
        var node = JsonNode.Parse(string.IsNullOrEmpty(stored) ? TopicAttributes.DefaultPolicy(arn, _account) : stored) as JsonObject ?? [];
        if (node["Statement"] is not JsonArray) node["Statement"] = new JsonArray();
        return node;
    }
}
