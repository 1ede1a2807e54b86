namespace Conflux.Aws.Sns.Filtering;

/// <summary>Which part of a message a subscription's filter policy applies to (the FilterPolicyScope attribute).</summary>
public enum FilterPolicyScope
{
    MessageAttributes,
    MessageBody,
}

/// <summary>
/// One message attribute as a filter policy sees it: its SNS data type ("String", "String.Array",
/// "Number", "Binary", possibly with a ".label" suffix) and value.
/// </summary>
public readonly record struct FilterAttribute(string DataType, string? StringValue, ReadOnlyMemory<byte>? BinaryValue = null);

/// <summary>An invalid filter policy; <see cref="Exception.Message"/> is the full text SNS returns with InvalidParameter.</summary>
public sealed class FilterPolicyException(string message) : Exception(message)
{
    private const string InvalidParameter = "Invalid parameter: ";

    /// <summary>
    /// The message without its "Invalid parameter: " lead. SetSubscriptionAttributes returns
    /// <see cref="Exception.Message"/>; Subscribe wraps the same reason as <see cref="SubscribeMessage"/>.
    /// </summary>
    public string Reason => Message.StartsWith(InvalidParameter, StringComparison.Ordinal) ? Message[InvalidParameter.Length..] : Message;

    /// <summary>The text SNS returns when the policy came with Subscribe's Attributes rather than SetSubscriptionAttributes.</summary>
    public string SubscribeMessage => InvalidParameter + "Attributes Reason: " + Reason;
}
