namespace Conflux.Aws.Sns.Filtering;

/// <summary>The JSON type of a value a policy is matched against (an attribute, an array element, a body leaf).</summary>
internal enum ValueKind : byte
{
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// One candidate value, viewed without copying: strings are unescaped text, numbers their JSON text.
/// Mutable only to cache the number's ticks, which several numeric conditions may ask for.
/// </summary>
internal ref struct EventValue
{
    private byte _numberState;
    private long _ticks;

    public EventValue(ValueKind kind, ReadOnlySpan<char> text)
    {
        Kind = kind;
        Text = text;
    }

    public readonly ValueKind Kind { get; }

    public readonly ReadOnlySpan<char> Text { get; }

    public readonly bool IsString => Kind == ValueKind.String;

    /// <summary>The value in 10^-5 ticks; false for non-numbers and numbers outside ±10^9.</summary>
    public bool TryGetTicks(out long ticks)
    {
        if (_numberState == 0)
            _numberState = Kind == ValueKind.Number && FilterNumber.TryGetTicks(Text, out _ticks) ? (byte)1 : (byte)2;
        ticks = _ticks;
        return _numberState == 1;
    }
}
