using System.Text.Json;
using Conflux.Aws.Protocol;
using Conflux.Aws.Sns.Filtering;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sns;

/// <summary>
/// Subscription attributes as SNS names and validates them, and how they shape the engine
/// subscription: the filter policy becomes the engine filter, the redrive policy the dead-letter queue,
/// the protocol decides forwarding (sqs) or buffering with push (http/https).
/// </summary>
internal static class SubscriptionAttributes
{
    public const string Protocol = "Protocol";
    public const string Endpoint = "Endpoint";
    public const string Owner = "Owner";
    public const string Token = "Token";
    public const string TokenIssuedAt = "TokenIssuedAt";
    public const string ConfirmationWasAuthenticated = "ConfirmationWasAuthenticated";
    public const string RawMessageDelivery = "RawMessageDelivery";
    public const string FilterPolicy = "FilterPolicy";
    public const string FilterPolicyScope = "FilterPolicyScope";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string DeliveryPolicy = "DeliveryPolicy";

    public const string PushDialect = "sns-http";
    public const string RendererDialect = "sns";

    private static readonly HashSet<string> Writable = new(StringComparer.Ordinal)
    {
        DeliveryPolicy, FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, "SubscriptionRoleArn", "ReplayPolicy",
    };

    /// <summary>Face-owned keys that are bookkeeping, never shown as attributes.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { Token, TokenIssuedAt };

    public static void Validate(string name, string value, string protocol, IReadOnlyDictionary<string, string> others, bool fifoTopic)
    {
        if (!Writable.Contains(name)) throw SnsErrors.Invalid("AttributeName");
        switch (name)
        {
            case RawMessageDelivery when value.ToLowerInvariant() is not ("true" or "false"):
                throw SnsErrors.InvalidParameter($"Invalid parameter: RawMessageDelivery: Invalid value [{value}]. Must be true or false.");
            case RawMessageDelivery when protocol is not ("sqs" or "http" or "https"):
                throw SnsErrors.InvalidParameter("Invalid parameter: Delivery protocol [" + protocol + "] does not support raw message delivery.");
            case DeliveryPolicy when value.Length > 0 && protocol is not ("http" or "https"):
                throw SnsErrors.InvalidParameter("Invalid parameter: DeliveryPolicy: Delivery policy is only supported for HTTP/S subscriptions");
            case DeliveryPolicy when value.Length > 0:
                DeliveryPolicies.ValidateSubscription(value);
                break;
            case FilterPolicyScope when value is not ("MessageAttributes" or "MessageBody"):
                throw SnsErrors.InvalidParameter($"Invalid parameter: FilterPolicyScope: Invalid value [{value}]. Please use either MessageBody or MessageAttributes");
            case FilterPolicyScope when others.GetValueOrDefault(FilterPolicy) is { Length: > 0 } policy:
                CompilePolicy(policy, value);
                break;
            case FilterPolicy when value.Length > 0:
                CompilePolicy(value, others.GetValueOrDefault(FilterPolicyScope) ?? "MessageAttributes");
                break;
            case RedrivePolicy when value.Length > 0:
                if (!DeadLetterQueue(value).EndsWith(".fifo", StringComparison.Ordinal) && fifoTopic)
                    throw SnsErrors.InvalidParameter("Invalid parameter: RedrivePolicy: must use a FIFO queue as DLQ for a FIFO Subscription to a FIFO Topic.");
                break;
        }
    }

    private static void CompilePolicy(string policy, string scope)
    {
        try
        {
            Filtering.FilterPolicy.Parse(policy, scope == "MessageBody" ? Filtering.FilterPolicyScope.MessageBody : Filtering.FilterPolicyScope.MessageAttributes);
        }
        catch (FilterPolicyException error)
        {
            throw SnsErrors.InvalidParameter(error.Message);
        }
    }

    /// <summary>The form SNS stores an attribute in.</summary>
    public static string Normalize(string name, string value) => name switch
    {
        RawMessageDelivery => value.ToLowerInvariant(),
        DeliveryPolicy when value.Length > 0 => DeliveryPolicies.NormalizeSubscription(value),
        _ => value,
    };

    /// <summary>The queue name of a RedrivePolicy's deadLetterTargetArn.</summary>
    public static string DeadLetterQueue(string redrivePolicy)
    {
        string? arn;
        try
        {
            using var doc = JsonDocument.Parse(redrivePolicy);
            arn = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("deadLetterTargetArn", out var target) && target.ValueKind == JsonValueKind.String
                ? target.GetString()
                : throw SnsErrors.InvalidParameter("Invalid parameter: RedrivePolicy: deadLetterTargetArn is missing");
        }
        catch (JsonException)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: RedrivePolicy: failed to parse JSON.");
        }
        return SnsNames.TryParseQueueArn(arn!, out var queue) ? queue : throw SnsErrors.InvalidParameter("Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn");
    }

    /// <summary>The engine subscription for these attributes.</summary>
    public static SubscriptionDefinition Shape(SubscriptionDefinition subscription)
    {
        var a = subscription.Attributes;
        var protocol = a[Protocol];
        var policy = a.GetValueOrDefault(FilterPolicy);
        var scope = a.GetValueOrDefault(FilterPolicyScope);
        var redrive = a.GetValueOrDefault(RedrivePolicy);
        return subscription with
        {
            ForwardTo = protocol == "sqs" && SnsNames.TryParseQueueArn(a[Endpoint], out var queue) ? queue : null,
            Push = protocol is "http" or "https" ? PushDialect : null,
            Renderer = RendererDialect,
            Filter = string.IsNullOrEmpty(policy) ? null : new FilterSpec(scope == "MessageBody" ? "sns-body" : "sns-attributes", policy),
            Settings = subscription.Settings with
            {
                DeadLetter = string.IsNullOrEmpty(redrive) ? null : new DeadLetterPolicy(DeadLetterQueue(redrive), int.MaxValue),
            },
        };
    }

    public static IEnumerable<KeyValuePair<string, string>> Read(SubscriptionDefinition subscription, TopicDefinition? topic, string arn, string topicArn, AwsAccount account)
    {
        var a = subscription.Attributes;
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["SubscriptionArn"] = arn,
            ["TopicArn"] = topicArn,
            ["Owner"] = account.AccountId,
            ["SubscriptionPrincipal"] = $"arn:{account.Partition}:iam::{account.AccountId}:root",
            ["PendingConfirmation"] = subscription.Active ? "false" : "true",
            [ConfirmationWasAuthenticated] = "false",
            [RawMessageDelivery] = "false",
        };
        if (a[Protocol] is "http" or "https") map["EffectiveDeliveryPolicy"] = DeliveryPolicies.EffectiveSubscription(topic?.Attributes.GetValueOrDefault(TopicAttributes.DeliveryPolicy), a.GetValueOrDefault(DeliveryPolicy));
        foreach (var (name, value) in a)
            if (!Hidden.Contains(name) && value.Length > 0) map[name] = value;
        if (map.ContainsKey(FilterPolicy) && !map.ContainsKey(FilterPolicyScope)) map[FilterPolicyScope] = "MessageAttributes";
        return map;
    }
}
