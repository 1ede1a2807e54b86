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
/// <remarks>Subscribe words the same problem as an Attributes reason: see <c>SnsErrors.AtSubscribe</c>.</remarks>
public sealed class FilterPolicyException(string message) : Exception(message);
