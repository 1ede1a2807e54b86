using System.Collections.Frozen;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>One compiled match value of a policy key; a key matches when any of its conditions does.</summary>
internal abstract class Condition
{
    public abstract bool Matches(ref EventValue value);
}

/// <summary>An exact string. Strings that are IP literals compare as addresses, as event-ruler turns them into ranges.</summary>
internal sealed class ExactStringCondition(string text) : Condition
{
    private readonly byte[]? _address = ParseAddress(text);

    public override bool Matches(ref EventValue value)
    {
        if (!value.IsString)
            return false;
        if (value.Text.SequenceEqual(text))
            return true;
        if (_address is null)
            return false;
        Span<byte> buffer = stackalloc byte[IpText.MaxBytes];
        return IpText.TryParse(value.Text, buffer, out var length) && buffer[..length].SequenceEqual(_address);
    }

    private static byte[]? ParseAddress(string text)
    {
        Span<byte> buffer = stackalloc byte[IpText.MaxBytes];
        return IpText.TryParse(text, buffer, out var length) ? buffer[..length].ToArray() : null;
    }
}

/// <summary>An exact number: the same JSON text, or (within the comparable range) the same value.</summary>
internal sealed class ExactNumberCondition : Condition
{
    private readonly string _text;
    private readonly bool _comparable;
    private readonly long _ticks;

    public ExactNumberCondition(string text)
    {
        _text = text;
        // Numbers outside the comparable range (account ids, say) still match by their text.
        _comparable = FilterNumber.TryGetTicks(text, out _ticks);
    }

    public override bool Matches(ref EventValue value)
    {
        if (value.Kind != ValueKind.Number)
            return false;
        if (value.Text.SequenceEqual(_text))
            return true;
        return _comparable && value.TryGetTicks(out var actual) && actual == _ticks;
    }
}

/// <summary>true, false or null in the policy; they only match the same JSON literal.</summary>
internal sealed class ExactLiteralCondition(ValueKind kind) : Condition
{
    public override bool Matches(ref EventValue value) => value.Kind == kind;
}

internal sealed class PrefixCondition(string prefix) : Condition
{
    public override bool Matches(ref EventValue value) => value.IsString && value.Text.StartsWith(prefix, StringComparison.Ordinal);
}

internal sealed class SuffixCondition(string suffix) : Condition
{
    public override bool Matches(ref EventValue value) => value.IsString && value.Text.EndsWith(suffix, StringComparison.Ordinal);
}

internal sealed class EqualsIgnoreCaseCondition(string text) : Condition
{
    public override bool Matches(ref EventValue value) => value.IsString && value.Text.Equals(text, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// anything-but over strings: any present value except those strings. Numbers and literals always pass,
/// because event-ruler only ever excludes the quoted forms.
/// </summary>
internal sealed class AnythingButStringsCondition(IEnumerable<string> excluded) : Condition
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _excluded =
        excluded.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public override bool Matches(ref EventValue value) => !value.IsString || !_excluded.Contains(value.Text);
}

/// <summary>anything-but over numbers: any present value except numbers equal to one of them.</summary>
internal sealed class AnythingButNumbersCondition(IEnumerable<long> excludedTicks) : Condition
{
    private readonly FrozenSet<long> _excluded = excludedTicks.ToFrozenSet();

    public override bool Matches(ref EventValue value) => !value.TryGetTicks(out var ticks) || !_excluded.Contains(ticks);
}

internal sealed class AnythingButPrefixCondition(string prefix) : Condition
{
    public override bool Matches(ref EventValue value) => !value.IsString || !value.Text.StartsWith(prefix, StringComparison.Ordinal);
}

/// <summary>"numeric": a range in ticks; "=" is a closed range of one tick.</summary>
internal sealed class NumericRangeCondition(long bottom, bool openBottom, long top, bool openTop) : Condition
{
    public override bool Matches(ref EventValue value)
    {
        if (!value.TryGetTicks(out var ticks))
            return false;
        var aboveBottom = openBottom ? ticks > bottom : ticks >= bottom;
        var belowTop = openTop ? ticks < top : ticks <= top;
        return aboveBottom && belowTop;
    }
}

/// <summary>"cidr": addresses of the same family between the given base and its host-bits-set top.</summary>
internal sealed class CidrCondition(byte[] bottom, byte[] top) : Condition
{
    public override bool Matches(ref EventValue value)
    {
        if (!value.IsString)
            return false;
        Span<byte> buffer = stackalloc byte[IpText.MaxBytes];
        if (!IpText.TryParse(value.Text, buffer, out var length) || length != bottom.Length)
            return false;
        var address = buffer[..length];
        return address.SequenceCompareTo(bottom) >= 0 && address.SequenceCompareTo(top) <= 0;
    }
}
