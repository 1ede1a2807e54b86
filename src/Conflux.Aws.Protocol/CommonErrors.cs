namespace Conflux.Aws.Protocol;

/// <summary>Errors every AWS service returns the same way, before a request reaches a face.</summary>
public static class CommonErrors
{
    public static AwsServiceException MissingParameter(string name) =>
        new("MissingParameter", "MissingRequiredParameterException", $"The request must contain the parameter {name}.");

    public static AwsServiceException InvalidParameterValue(string message) =>
        new("InvalidParameterValue", "InvalidParameterValueException", message);

    /// <summary>A value of the wrong type in a JSON request (what the awsJson front end rejects before the service sees it).</summary>
    public static AwsServiceException Serialization(string message) =>
        new("SerializationException", "SerializationException", message);

    public static AwsServiceException InvalidAction(string action) =>
        new("InvalidAction", "InvalidAction", $"The action {action} is not valid for this endpoint.");

    public static AwsServiceException UnknownOperation() =>
        new("UnknownOperationException", "UnknownOperationException", "");

    public static AwsServiceException MalformedQueryString(string message) =>
        new("MalformedQueryString", "MalformedQueryString", message);

    public static AwsServiceException AccessDenied(string message) =>
        new("AccessDenied", "AccessDeniedException", message, 403);

    public static AwsServiceException InternalFailure() =>
        new("InternalFailure", "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500, senderFault: false);

    public static AwsServiceException ServiceUnavailable() =>
        new("ServiceUnavailable", "ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503, senderFault: false);
}
