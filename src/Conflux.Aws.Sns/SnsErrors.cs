using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sns;

/// <summary>Every SNS error with the query code, HTTP status and wording AWS uses.</summary>
internal static class SnsErrors
{
    public static AwsServiceException InvalidParameter(string message) =>
        new("InvalidParameter", "InvalidParameterException", message);

    /// <summary>"Invalid parameter: {name}" — SNS's usual short form.</summary>
    public static AwsServiceException Invalid(string name, string? reason = null) =>
        InvalidParameter(reason is null ? $"Invalid parameter: {name}" : $"Invalid parameter: {name} Reason: {reason}");

    /// <summary>
    /// Subscribe words a problem with one of its Attributes as a reason about Attributes
    /// ("Invalid parameter: X" becomes "Invalid parameter: Attributes Reason: X"); SetSubscriptionAttributes does not.
    /// </summary>
    public static string AtSubscribe(string message) =>
        message.StartsWith(InvalidPrefix, StringComparison.Ordinal) ? InvalidPrefix + "Attributes Reason: " + message[InvalidPrefix.Length..] : message;

    private const string InvalidPrefix = "Invalid parameter: ";

    public static AwsServiceException ParameterValueInvalid(string message) =>
        new("ParameterValueInvalid", "InvalidParameterValueException", message);

    public static AwsServiceException NotFound(string message) =>
        new("NotFound", "NotFoundException", message, 404);

    public static AwsServiceException TopicNotFound() => NotFound("Topic does not exist");

    public static AwsServiceException SubscriptionNotFound() => NotFound("Subscription does not exist");

    public static AwsServiceException ResourceNotFound() =>
        new("ResourceNotFound", "ResourceNotFoundException", "Resource does not exist", 404);

    public static AwsServiceException AuthorizationError(string message) =>
        new("AuthorizationError", "AuthorizationErrorException", message, 403);

    public static AwsServiceException TagLimitExceeded() =>
        new("TagLimitExceeded", "TagLimitExceededException", "Could not complete request: tag quota of per resource exceeded", 400);

    public static AwsServiceException EmptyBatch() =>
        new("EmptyBatchRequest", "EmptyBatchRequestException", "The batch request doesn't contain any entries");

    public static AwsServiceException TooManyEntries() =>
        new("TooManyEntriesInBatchRequest", "TooManyEntriesInBatchRequestException", "The batch request contains more entries than permissible.");

    public static AwsServiceException BatchEntryIdsNotDistinct() =>
        new("BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinctException", "Two or more batch entries in the request have the same Id.");

    public static AwsServiceException InvalidBatchEntryId(string id) =>
        new("InvalidBatchEntryId", "InvalidBatchEntryIdException",
            id.Length > 80 ? $"The Id of a batch entry in the batch request is too long: {id}" : $"The Id of a batch entry in the batch request contains an impermissible character: {id}");

    public static AwsServiceException BatchRequestTooLong() =>
        new("BatchRequestTooLong", "BatchRequestTooLongException", "The length of all the messages put together is more than the limit.");

    /// <summary>
    /// SMS, mobile push and platform applications: what AWS answers where the feature is not offered.
    /// Conflux delivers to no phones or devices, so it answers the same way rather than pretend to send.
    /// </summary>
    public static AwsServiceException Unsupported(string action) =>
        InvalidParameter($"Invalid parameter: {action} is not supported by this endpoint (Conflux does not deliver SMS or mobile push).");
}
