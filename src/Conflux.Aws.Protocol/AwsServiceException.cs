namespace Conflux.Aws.Protocol;

/// <summary>
/// An error as AWS returns it. <see cref="Code"/> is the query-protocol code (AWS.SimpleQueueService.NonExistentQueue),
/// <see cref="JsonType"/> the JSON shape name (QueueDoesNotExist) that awsJson responses carry in __type.
/// </summary>
public sealed class AwsServiceException(string code, string jsonType, string message, int statusCode = 400, bool senderFault = true)
    : Exception(message)
{
    public string Code { get; } = code;

    public string JsonType { get; } = jsonType;

    public int StatusCode { get; } = statusCode;

    public bool SenderFault { get; } = senderFault;
}
