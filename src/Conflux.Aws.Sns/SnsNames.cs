using System.Diagnostics.CodeAnalysis;
using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sns;

/// <summary>Topic names and the ARNs of topics and subscriptions.</summary>
internal static class SnsNames
{
    public const string FifoSuffix = ".fifo";

    /// <summary>1–256 letters, digits, hyphens and underscores; FIFO topics end in ".fifo" (counted in the 256).</summary>
    public static bool IsValidTopicName(string name, bool fifo)
    {
        var stem = fifo ? (name.EndsWith(FifoSuffix, StringComparison.Ordinal) ? name[..^FifoSuffix.Length] : null) : name;
        if (stem is null || stem.Length == 0 || name.Length > 256) return false;
        foreach (var c in stem)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }

    public static string TopicArn(AwsAccount account, string topic) => $"arn:{account.Partition}:sns:{account.Region}:{account.AccountId}:{topic}";

    public static string SubscriptionArn(AwsAccount account, string topic, string id) => $"{TopicArn(account, topic)}:{id}";

    /// <summary>The topic name of an ARN of this account and region; false for anything else.</summary>
    public static bool TryParseTopicArn(AwsAccount account, string? arn, [NotNullWhen(true)] out string? topic)
    {
        topic = null;
        if (arn is null) return false;
        var prefix = $"arn:{account.Partition}:sns:{account.Region}:{account.AccountId}:";
        if (!arn.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = arn[prefix.Length..];
        if (rest.Length == 0 || rest.Contains(':')) return false;
        topic = rest;
        return true;
    }

    /// <summary>Whether the text is shaped like an SNS ARN at all (for choosing InvalidParameter vs NotFound).</summary>
    public static bool LooksLikeArn(string? arn) => arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':').Length >= 6;

    public static bool TryParseSubscriptionArn(AwsAccount account, string? arn, [NotNullWhen(true)] out string? topic, [NotNullWhen(true)] out string? id)
    {
        topic = id = null;
        if (arn is null) return false;
        var colon = arn.LastIndexOf(':');
        if (colon < 0 || !TryParseTopicArn(account, arn[..colon], out topic)) return false;
        id = arn[(colon + 1)..];
        return id.Length > 0;
    }

    /// <summary>The queue name of an SQS queue ARN ("arn:aws:sqs:region:account:name").</summary>
    public static bool TryParseQueueArn(string endpoint, [NotNullWhen(true)] out string? queue)
    {
        queue = null;
        var parts = endpoint.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[5].Length == 0) return false;
        queue = parts[5];
        return true;
    }
}
