namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// Parses the array of a "numeric" operator, entered just after its START_ARRAY: "=", or one bound, or a
/// lower bound (&gt; or &gt;=) followed by an upper one (&lt; or &lt;=), with the ruler's messages and order of checks.
/// </summary>
internal sealed class NumericExpressionParser(JacksonTokenizer parser, Func<string, FilterPolicyException> barf)
{
    public NumericRangeCondition Parse()
    {
        var token = parser.Next();
        if (token != PolicyToken.String)
            throw barf("Invalid member in numeric match: " + parser.GetText());
        var op = parser.GetText();
        token = parser.Next();
        switch (op)
        {
            case "=":
                if (token != PolicyToken.Number)
                    throw barf("Value of equals must be numeric");
                var value = parser.GetText();
                if (parser.Next() != PolicyToken.EndArray)
                    throw barf("Too many elements in numeric expression");
                var ticks = Ticks(value);
                return new NumericRangeCondition(ticks, false, ticks, false);
            case ">=" or ">":
                if (token != PolicyToken.Number)
                    throw barf($"Value of {op} must be numeric");
                var bottom = parser.GetText();
                token = parser.Next();
                return token == PolicyToken.EndArray
                    ? Range(bottom, op == ">", null, false)
                    : CompleteRange(token, bottom, op == ">");
            case "<=" or "<":
                if (token != PolicyToken.Number)
                    throw barf($"Value of {op} must be numeric");
                var top = parser.GetText();
                if (parser.Next() != PolicyToken.EndArray)
                    throw barf("Too many elements in numeric expression");
                return Range(null, false, top, op == "<");
            default:
                throw barf("Unrecognized numeric range operator: " + op);
        }
    }

    private NumericRangeCondition CompleteRange(PolicyToken token, string bottom, bool openBottom)
    {
        if (token != PolicyToken.String)
            throw barf("Bad value in numeric range: " + parser.GetText());
        var op = parser.GetText();
        if (op is not ("<" or "<="))
            throw barf("Bad numeric range operator: " + op);
        if (parser.Next() != PolicyToken.Number)
            throw barf($"Value of {op} must be numeric");
        var top = parser.GetText();
        if (parser.Next() != PolicyToken.EndArray)
            throw barf("Too many terms in numeric range expression");
        return Range(bottom, openBottom, top, op == "<");
    }

    /// <summary>The ruler's Range constructor: ordering first, then each bound's range; a missing bound is the limit.</summary>
    private NumericRangeCondition Range(string? bottom, bool openBottom, string? top, bool openTop)
    {
        var low = bottom is null ? -FilterNumber.Limit : FilterNumber.ToDouble(bottom);
        var high = top is null ? FilterNumber.Limit : FilterNumber.ToDouble(top);
        if (low >= high)
            throw barf("Bottom must be less than top");
        var lowTicks = bottom is null ? FilterNumber.MinTicks : Ticks(bottom);
        var highTicks = top is null ? FilterNumber.MaxTicks : Ticks(top);
        return new NumericRangeCondition(lowTicks, openBottom, highTicks, openTop);
    }

    private long Ticks(string number) =>
        FilterNumber.TryGetTicks(number, out var ticks) ? ticks : throw barf(FilterNumber.RangeError);
}
