using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

/// <summary>Queue names, URLs and ARNs, and the id formats SQS validates.</summary>
internal static class SqsNames
{
    public const string FifoSuffix = ".fifo";

    public static bool IsValidQueueName(string name, bool fifo)
    {
        var core = fifo ? (name.EndsWith(FifoSuffix, StringComparison.Ordinal) ? name[..^FifoSuffix.Length] : null) : name;
        if (core is null || name.Length > 80 || core.Length == 0) return false;
        foreach (var c in core)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        return true;
    }

    public static string Arn(AwsAccount account, string queueName) => $"arn:{account.Partition}:sqs:{account.Region}:{account.AccountId}:{queueName}";

    public static string Url(string baseUrl, AwsAccount account, string queueName) => $"{baseUrl}/{account.AccountId}/{queueName}";

    /// <summary>Queue name from an SQS ARN of this account and region; null when it is not one.</summary>
    public static string? QueueNameFromArn(AwsAccount account, string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sqs") return null;
        if (parts[3] != account.Region || parts[4] != account.AccountId) return null;
        return parts[5];
    }

    public static bool LooksLikeArn(string value) => value.Split(':').Length == 6 && value.StartsWith("arn:", StringComparison.Ordinal);

    /// <summary>Splits a queue URL (http(s)://host/account/name, or a request path /account/name) into account id and queue name.</summary>
    public static bool TryParseUrl(string url, out string account, out string queueName)
    {
        account = queueName = "";
        var path = url.AsSpan();
        var scheme = path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : 0;
        if (scheme > 0)
        {
            var slash = path[scheme..].IndexOf('/');
            if (slash <= 0) return false;
            path = path[(scheme + slash)..];
        }
        else if (!path.StartsWith('/'))
        {
            return false;
        }
        var query = path.IndexOfAny('?', '#');
        if (query >= 0) path = path[..query];
        path = path.TrimEnd('/');
        var last = path.LastIndexOf('/');
        if (last <= 0) return false;
        var name = path[(last + 1)..];
        var rest = path[..last];
        var accountPart = rest[(rest.LastIndexOf('/') + 1)..];
        if (name.IsEmpty || accountPart.IsEmpty) return false;
        account = accountPart.Contains('%') ? Uri.UnescapeDataString(accountPart.ToString()) : accountPart.ToString();
        queueName = name.Contains('%') ? Uri.UnescapeDataString(name.ToString()) : name.ToString();
        return true;
    }

    public static bool IsValidBatchEntryId(string id)
    {
        if (id.Length is 0 or > 80) return false;
        foreach (var c in id)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_') return false;
        return true;
    }

    /// <summary>MessageGroupId / MessageDeduplicationId: 1–128 ASCII alphanumerics and punctuation.</summary>
    public static bool IsValidFifoId(string value)
    {
        if (value.Length is 0 or > 128) return false;
        foreach (var c in value)
            if (c is < '!' or > '~') return false;
        return true;
    }
}
