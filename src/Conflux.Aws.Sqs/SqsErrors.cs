using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs;

/// <summary>
/// Every SQS error: query code (what the query protocol and x-amzn-query-error carry), JSON shape
/// name, HTTP status and message as AWS words them.
/// </summary>
internal static class SqsErrors
{
    public static AwsServiceException QueueDoesNotExist(AwsProtocol protocol) =>
        new("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
            protocol == AwsProtocol.Query ? "The specified queue does not exist for this wsdl version." : "The specified queue does not exist.");

    public static AwsServiceException QueueAlreadyExists(string attribute) =>
        new("QueueAlreadyExists", "QueueNameExists", $"A queue already exists with the same name and a different value for attribute {attribute}");

    public static AwsServiceException QueueDeletedRecently() =>
        new("AWS.SimpleQueueService.QueueDeletedRecently", "QueueDeletedRecently",
            "You must wait 60 seconds after deleting a queue before you can create another with the same name.");

    public static AwsServiceException InvalidAddress(string address) =>
        new("InvalidAddress", "InvalidAddress", $"The address {address} is not valid for this endpoint.", 404);

    public static AwsServiceException ReceiptHandleIsInvalid(string handle) =>
        new("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

    public static AwsServiceException ReceiptHandleExpired(string handle) =>
        CommonErrors.InvalidParameterValue($"Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");

    public static AwsServiceException MessageNotAvailableForVisibilityChange(string handle) =>
        CommonErrors.InvalidParameterValue($"Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.");

    public static AwsServiceException MessageNotInflight() =>
        new("AWS.SimpleQueueService.MessageNotInflight", "MessageNotInflight", "The message referred to isn't in flight.");

    public static AwsServiceException VisibilityLimitExceeded(int timeout) =>
        CommonErrors.InvalidParameterValue($"Value {timeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");

    public static AwsServiceException BatchEntryIdsNotDistinct(string id) =>
        new("AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct", $"Id {id} repeated.");

    public static AwsServiceException BatchRequestTooLong(long bytes) =>
        new("AWS.SimpleQueueService.BatchRequestTooLong", "BatchRequestTooLong",
            $"Batch requests cannot be longer than 1048576 bytes. You have sent {bytes} bytes.");

    public static AwsServiceException EmptyBatchRequest(string entryName) =>
        new("AWS.SimpleQueueService.EmptyBatchRequest", "EmptyBatchRequest", $"There should be at least one {entryName} in the request.");

    public static AwsServiceException InvalidBatchEntryId() =>
        new("AWS.SimpleQueueService.InvalidBatchEntryId", "InvalidBatchEntryId",
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");

    public static AwsServiceException TooManyEntriesInBatchRequest(int count) =>
        new("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequest",
            $"Maximum number of entries per request are 10. You have sent {count}.");

    public static AwsServiceException PurgeQueueInProgress(string queueName) =>
        new("AWS.SimpleQueueService.PurgeQueueInProgress", "PurgeQueueInProgress",
            $"Only one PurgeQueue operation on {queueName} is allowed every 60 seconds.", 403);

    public static AwsServiceException InvalidAttributeName(string message) => new("InvalidAttributeName", "InvalidAttributeName", message);

    public static AwsServiceException UnknownAttribute(string name) => InvalidAttributeName($"Unknown Attribute {name}.");

    public static AwsServiceException InvalidAttributeValue(string message) => new("InvalidAttributeValue", "InvalidAttributeValue", message);

    public static AwsServiceException InvalidAttributeValueFor(string name) => InvalidAttributeValue($"Invalid value for the parameter {name}.");

    public static AwsServiceException InvalidMessageContents() =>
        new("InvalidMessageContents", "InvalidMessageContents",
            "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");

    public static AwsServiceException OverLimit(string message) => new("OverLimit", "OverLimit", message, 403);

    public static AwsServiceException ResourceNotFound(string message) =>
        new("ResourceNotFoundException", "ResourceNotFoundException", message, 404);

    public static AwsServiceException MessageTooLong(int max, bool batchEntry = false) =>
        CommonErrors.InvalidParameterValue(
            $"One or more parameters {(batchEntry ? "cannot be validated" : "are invalid")}. Reason: Message must be shorter than {max} bytes.");

    public static AwsServiceException NotValidForQueueType(string parameter, string value) =>
        CommonErrors.InvalidParameterValue(
            $"Value {value} for parameter {parameter} is invalid. Reason: The request include parameter that is not valid for this queue type.");

    public static AwsServiceException DeduplicationIdRequired() =>
        CommonErrors.InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");

    public static AwsServiceException InvalidFifoId(string parameter, string value) =>
        CommonErrors.InvalidParameterValue(
            $"Value {value} for parameter {parameter} is invalid. Reason: {parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.");
}
