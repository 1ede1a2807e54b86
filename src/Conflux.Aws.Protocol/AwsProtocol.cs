namespace Conflux.Aws.Protocol;

/// <summary>The two wire protocols SQS speaks (and SNS, EventBridge… one of them each).</summary>
public enum AwsProtocol
{
    /// <summary>awsJson1.0/1.1: POST with X-Amz-Target, JSON in and out.</summary>
    Json,
    /// <summary>The query protocol: form-encoded Action=…&amp;Param=… in, XML out.</summary>
    Query,
}
