using System.Globalization;

namespace Conflux.Core.Messages;

/// <summary>
/// One typed property value. Text-like kinds keep their text, Binary its bytes, everything else its
/// 64 raw bits; <see cref="Label"/> is the optional custom type suffix SQS and SNS allow ("Number.float").
/// </summary>
public readonly struct PropertyValue : IEquatable<PropertyValue>
{
    private readonly string? _text;
    private readonly byte[]? _bytes;
    private readonly long _bits;

    private PropertyValue(PropertyKind kind, string? text, byte[]? bytes, long bits, string? label)
    {
        Kind = kind;
        _text = text;
        _bytes = bytes;
        _bits = bits;
        Label = label;
    }

    public PropertyKind Kind { get; }

    /// <summary>Custom type label (the part after the first '.' of an SQS DataType), or null.</summary>
    public string? Label { get; }

    public static PropertyValue Null => default;

    public static PropertyValue String(string value, string? label = null) => new(PropertyKind.String, value, null, 0, label);

    public static PropertyValue Number(string value, string? label = null) => new(PropertyKind.Number, value, null, 0, label);

    public static PropertyValue Binary(byte[] value, string? label = null) => new(PropertyKind.Binary, null, value, 0, label);

    public static PropertyValue Boolean(bool value) => new(PropertyKind.Boolean, null, null, value ? 1 : 0, null);

    public static PropertyValue Int32(int value) => new(PropertyKind.Int32, null, null, value, null);

    public static PropertyValue Int64(long value) => new(PropertyKind.Int64, null, null, value, null);

    public static PropertyValue Double(double value) => new(PropertyKind.Double, null, null, BitConverter.DoubleToInt64Bits(value), null);

    public static PropertyValue Timestamp(DateTimeOffset value) => new(PropertyKind.Timestamp, null, null, value.UtcTicks, null);

    public static PropertyValue Duration(TimeSpan value) => new(PropertyKind.Duration, null, null, value.Ticks, null);

    public static PropertyValue Guid(Guid value) => new(PropertyKind.Guid, value.ToString("D"), null, 0, null);

    public static PropertyValue Uri(string value) => new(PropertyKind.Uri, value, null, 0, null);

    public static PropertyValue Decimal(decimal value) => new(PropertyKind.Decimal, value.ToString(CultureInfo.InvariantCulture), null, 0, null);

    /// <summary>Builds a value of an integral or character kind from its raw bits.</summary>
    public static PropertyValue FromBits(PropertyKind kind, long bits) => kind switch
    {
        PropertyKind.Boolean or PropertyKind.Byte or PropertyKind.SByte or PropertyKind.Int16 or PropertyKind.UInt16
            or PropertyKind.Int32 or PropertyKind.UInt32 or PropertyKind.Int64 or PropertyKind.UInt64
            or PropertyKind.Single or PropertyKind.Double or PropertyKind.Char or PropertyKind.Timestamp
            or PropertyKind.Duration => new(kind, null, null, bits, null),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fixed-width kind."),
    };

    /// <summary>Builds a value of a text kind (String, Number, Decimal, Guid, Uri).</summary>
    public static PropertyValue FromText(PropertyKind kind, string text, string? label) => kind switch
    {
        PropertyKind.String or PropertyKind.Number or PropertyKind.Decimal or PropertyKind.Guid or PropertyKind.Uri
            => new(kind, text, null, 0, label),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a text kind."),
    };

    public bool IsText => _text is not null;

    public string? Text => _text;

    public ReadOnlyMemory<byte> Bytes => _bytes;

    public long Bits => _bits;

    public bool AsBoolean => _bits != 0;

    public double AsDouble => BitConverter.Int64BitsToDouble(_bits);

    /// <summary>A readable rendering, used for diagnostics and by faces that only carry strings.</summary>
    public override string ToString() => Kind switch
    {
        PropertyKind.Null => "",
        PropertyKind.Binary => Convert.ToBase64String(_bytes!),
        PropertyKind.Boolean => AsBoolean ? "true" : "false",
        PropertyKind.Double => AsDouble.ToString("R", CultureInfo.InvariantCulture),
        PropertyKind.Single => ((float)AsDouble).ToString("R", CultureInfo.InvariantCulture),
        PropertyKind.Timestamp => new DateTimeOffset(_bits, TimeSpan.Zero).ToString("O"),
        PropertyKind.Duration => TimeSpan.FromTicks(_bits).ToString("c"),
        PropertyKind.Char => ((char)_bits).ToString(),
        _ when _text is not null => _text,
        _ => _bits.ToString(CultureInfo.InvariantCulture),
    };

    public bool Equals(PropertyValue other) =>
        Kind == other.Kind && _bits == other._bits && _text == other._text && Label == other.Label &&
        (_bytes is null ? other._bytes is null : other._bytes is not null && _bytes.AsSpan().SequenceEqual(other._bytes));

    public override bool Equals(object? obj) => obj is PropertyValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text, Label);

    public static bool operator ==(PropertyValue left, PropertyValue right) => left.Equals(right);

    public static bool operator !=(PropertyValue left, PropertyValue right) => !left.Equals(right);
}
