namespace Conflux.Core.Messages;

/// <summary>
/// The type of an application or system property. The set is the union of what the faces carry:
/// SQS/SNS (String, Number, Binary with an optional custom label) and AMQP 1.0 / Service Bus primitives.
/// </summary>
public enum PropertyKind : byte
{
    Null = 0,
    String = 1,
    /// <summary>A decimal number kept as its original text (SQS/SNS "Number": up to 38 digits, ±10^126).</summary>
    Number = 2,
    Binary = 3,
    Boolean = 4,
    Byte = 5,
    SByte = 6,
    Int16 = 7,
    UInt16 = 8,
    Int32 = 9,
    UInt32 = 10,
    Int64 = 11,
    UInt64 = 12,
    Single = 13,
    Double = 14,
    Decimal = 15,
    Char = 16,
    Guid = 17,
    Timestamp = 18,
    Duration = 19,
    Uri = 20,
}
