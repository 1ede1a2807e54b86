using System.Globalization;
using System.Text.Json;
using Conflux.Aws.Protocol;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sns;

/// <summary>
/// Topic attributes as SNS names and validates them. Writable ones are kept verbatim in the engine
/// topic's face-owned attribute map (FIFO-ness and deduplication also drive the engine's settings);
/// computed ones are derived on read.
/// </summary>
internal static class TopicAttributes
{
    public const string FifoTopic = "FifoTopic";
    public const string ContentBasedDeduplication = "ContentBasedDeduplication";
    public const string Policy = "Policy";
    public const string DeliveryPolicy = "DeliveryPolicy";
    public const string SignatureVersion = "SignatureVersion";
    public const string DataProtectionPolicy = "DataProtectionPolicy";

    private static readonly HashSet<string> Writable = new(StringComparer.Ordinal)
    {
        "DisplayName", Policy, DeliveryPolicy, "KmsMasterKeyId", "TracingConfig", SignatureVersion, ContentBasedDeduplication,
        "ArchivePolicy", "FifoThroughputScope", DataProtectionPolicy,
        "ApplicationSuccessFeedbackRoleArn", "ApplicationSuccessFeedbackSampleRate", "ApplicationFailureFeedbackRoleArn",
        "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate", "HTTPFailureFeedbackRoleArn",
        "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate", "LambdaFailureFeedbackRoleArn",
        "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate", "SQSFailureFeedbackRoleArn",
        "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate", "FirehoseFailureFeedbackRoleArn",
    };

    /// <summary>Checks one attribute (name and value) for a topic that is or will be <paramref name="fifo"/>.</summary>
    public static void Validate(string name, string value, bool fifo)
    {
        if (name == FifoTopic) return;
        if (!Writable.Contains(name)) throw SnsErrors.Invalid("AttributeName");
        switch (name)
        {
            case "DisplayName" when value.Length > 100:
                throw SnsErrors.Invalid("DisplayName");
            case Policy or "ArchivePolicy" or DataProtectionPolicy when value.Length > 0 && !IsJsonObject(value):
                throw SnsErrors.Invalid(name == Policy ? "Policy" : name, "failed to parse JSON");
            case DeliveryPolicy when value.Length > 0:
                DeliveryPolicies.ValidateTopic(value);
                break;
            case "TracingConfig" when value is not ("PassThrough" or "Active"):
                throw SnsErrors.Invalid("TracingConfig", "Invalid value for TracingConfig. Valid values are PassThrough and Active");
            case SignatureVersion when value is not ("1" or "2"):
                throw SnsErrors.Invalid("SignatureVersion", "Invalid value for SignatureVersion. Valid values are 1 and 2");
            case ContentBasedDeduplication when !fifo:
                throw SnsErrors.Invalid("ContentBasedDeduplication", "Content-based deduplication can only be set for FIFO topics");
            case ContentBasedDeduplication when value is not ("true" or "false"):
                throw SnsErrors.Invalid("ContentBasedDeduplication", "Invalid value [" + value + "] for ContentBasedDeduplication. Valid values are true and false.");
            case "FifoThroughputScope" when !fifo || value is not ("Topic" or "MessageGroup"):
                throw SnsErrors.Invalid("FifoThroughputScope");
            case "ArchivePolicy" when !fifo:
                throw SnsErrors.Invalid("ArchivePolicy", "Archive policy can only be set for FIFO topics");
            case var _ when name.EndsWith("SampleRate", StringComparison.Ordinal)
                && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate > 100):
                throw SnsErrors.Invalid(name);
        }
    }

    /// <summary>Applies validated attributes to a topic definition (engine settings and the stored map).</summary>
    public static TopicDefinition Apply(TopicDefinition topic, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var map = new SortedDictionary<string, string>(topic.Attributes.ToDictionary(), StringComparer.Ordinal);
        var result = topic;
        foreach (var (name, value) in attributes)
        {
            if (name == FifoTopic) continue;
            if (name == ContentBasedDeduplication) result = result with { ContentBasedDeduplication = value == "true" };
            // An empty value clears the attribute; SNS keeps a delivery policy in its normalised form.
            if (value.Length == 0) map.Remove(name);
            else map[name] = name == DeliveryPolicy ? DeliveryPolicies.NormalizeTopic(value) : value;
        }
        return result with { Attributes = map };
    }

    /// <summary>Everything GetTopicAttributes returns, computed ones included.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Read(TopicDefinition topic, string arn, AwsAccount account, IReadOnlyList<SubscriptionDefinition> subscriptions)
    {
        var confirmed = subscriptions.Count(s => s.Active);
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["TopicArn"] = arn,
            ["Owner"] = account.AccountId,
            ["Policy"] = DefaultPolicy(arn, account),
            ["DisplayName"] = "",
            ["SubscriptionsConfirmed"] = confirmed.ToString(CultureInfo.InvariantCulture),
            ["SubscriptionsPending"] = (subscriptions.Count - confirmed).ToString(CultureInfo.InvariantCulture),
            ["SubscriptionsDeleted"] = "0",
            ["EffectiveDeliveryPolicy"] = DeliveryPolicies.EffectiveTopic(topic.Attributes.GetValueOrDefault(DeliveryPolicy)),
        };
        if (topic.Ordered)
        {
            map[FifoTopic] = "true";
            map[ContentBasedDeduplication] = topic.ContentBasedDeduplication ? "true" : "false";
        }
        foreach (var (name, value) in topic.Attributes)
            if (name != DataProtectionPolicy) map[name] = value;
        return map;
    }

    public static string DefaultPolicy(string arn, AwsAccount account) =>
        "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"}," +
        "\"Action\":[\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\",\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"]," +
        $"\"Resource\":\"{arn}\",\"Condition\":{{\"StringEquals\":{{\"AWS:SourceOwner\":\"{account.AccountId}\"}}}}}}]}}";

    public static bool IsJsonObject(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
