namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// A message attribute as the JSON envelope carries it: DataType verbatim (including any custom ".label"), the string
/// value, or for Binary types the bytes (written base64-encoded).
/// </summary>
public sealed record SnsMessageAttribute(string Name, string DataType, string? StringValue, ReadOnlyMemory<byte> BinaryValue = default)
{
    public bool IsBinary => DataType.StartsWith("Binary", StringComparison.Ordinal);
}
