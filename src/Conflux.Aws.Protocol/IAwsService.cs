namespace Conflux.Aws.Protocol;

/// <summary>One AWS face as the router sees it.</summary>
public interface IAwsService
{
    /// <summary>SigV4 signing name ("sqs"), used to route query requests whose action names collide across services.</summary>
    string SigningName { get; }

    /// <summary>awsJson X-Amz-Target prefix ("AmazonSQS"), or null if the service only speaks query.</summary>
    string? JsonTargetPrefix { get; }

    /// <summary>Namespace of JSON error __type values ("com.amazonaws.sqs").</summary>
    string JsonErrorNamespace { get; }

    /// <summary>Send x-amzn-query-error so SDKs map JSON errors to the service's legacy query codes.</summary>
    bool QueryCompatible { get; }

    string XmlNamespace { get; }

    /// <summary>Whether query (XML) responses flatten lists and maps (SQS) or wrap them in member/entry elements (SNS).</summary>
    bool XmlFlattened => true;

    bool Handles(string action);

    /// <summary>The interned action name if this service implements it (no allocation per request), else null.</summary>
    string? CanonicalAction(ReadOnlySpan<char> action);

    /// <summary>Whether the action's response has a result element (query protocol &lt;ActionResult&gt;).</summary>
    bool HasResult(string action);

    /// <summary>Whether a query request posted to this path belongs to this service (SQS queue URLs).</summary>
    bool ClaimsPath(string path);

    Task HandleAsync(AwsRequestContext context, ResponseWriter response);
}
