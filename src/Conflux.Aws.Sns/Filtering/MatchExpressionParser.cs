namespace Conflux.Aws.Sns.Filtering;

/// <summary>A parsed operator object: a value condition, or an exists flag (true/false), never both.</summary>
internal readonly record struct MatchExpression(Condition? Condition, bool? Exists);

/// <summary>
/// Parses one operator object ({"prefix": ...}, {"numeric": [...]}, ...) entered at its START_OBJECT,
/// mirroring the ruler's processMatchExpression call for call so errors land on the same column.
/// </summary>
internal sealed class MatchExpressionParser(JacksonTokenizer parser, Func<string, FilterPolicyException> barf)
{
    private const string TooManyElements = "Too many elements in numeric expression";
    private const string OnlyOneKey = "Only one key allowed in match expression";

    public MatchExpression Parse()
    {
        if (parser.Next() != PolicyToken.FieldName)
            throw barf("Match expression name not found");
        var matchType = parser.CurrentName;
        switch (matchType)
        {
            case "prefix":
                return new(new PrefixCondition(SingleString("prefix match pattern must be a string")), null);
            case "suffix":
                return new(new SuffixCondition(SingleString("suffix match pattern must be a string")), null);
            case "equals-ignore-case":
                return new(new EqualsIgnoreCaseCondition(SingleString("equals-ignore-case match pattern must be a string")), null);
            case "numeric":
                if (parser.Next() != PolicyToken.StartArray)
                    throw barf("Value of numeric must be an array.");
                var range = new NumericExpressionParser(parser, barf).Parse();
                if (parser.Next() != PolicyToken.EndObject)
                    throw barf(TooManyElements);
                return new(range, null);
            case "anything-but":
                return new(ParseAnythingBut(), null);
            case "exists":
                return new(null, ParseExists());
            case "cidr":
                return new(ParseCidr(), null);
            default:
                throw barf("Unrecognized match type " + matchType);
        }
    }

    private string SingleString(string notAString)
    {
        if (parser.Next() != PolicyToken.String)
            throw barf(notAString);
        var text = parser.GetText();
        if (parser.Next() != PolicyToken.EndObject)
            throw barf(OnlyOneKey);
        return text;
    }

    private bool ParseExists()
    {
        var token = parser.Next();
        if (token is not (PolicyToken.True or PolicyToken.False))
            throw barf("exists match pattern must be either true or false.");
        if (parser.Next() != PolicyToken.EndObject)
            throw barf(OnlyOneKey);
        return token == PolicyToken.True;
    }

    private CidrCondition ParseCidr()
    {
        // The ruler's wording, copied from its prefix branch, is what SNS returns here.
        if (parser.Next() != PolicyToken.String)
            throw barf("prefix match pattern must be a string");
        var cidr = CidrParser.Parse(parser.GetText(), out var error);
        if (cidr is null)
            throw PolicyErrors.Policy(error!);
        if (parser.Next() != PolicyToken.EndObject)
            throw barf(OnlyOneKey);
        return cidr;
    }

    private Condition ParseAnythingBut()
    {
        var token = parser.Next();
        if (token == PolicyToken.StartObject)
            return ParseAnythingButPrefix();
        if (token is not (PolicyToken.StartArray or PolicyToken.String or PolicyToken.Number))
            throw barf("Value of anything-but must be an array or single string/number value.");

        var condition = token == PolicyToken.StartArray ? ParseAnythingButList() : ParseAnythingButSingle(token);
        if (parser.Next() != PolicyToken.EndObject)
            throw barf(TooManyElements);
        return condition;
    }

    private AnythingButPrefixCondition ParseAnythingButPrefix()
    {
        if (parser.Next() != PolicyToken.FieldName)
            throw barf("Anything-But expression name not found");
        var op = parser.CurrentName;
        if (op != "prefix")
            throw barf("Unsupported anything-but pattern: " + op);
        if (parser.Next() != PolicyToken.String)
            throw barf("prefix match pattern must be a string");
        var prefix = parser.GetText();
        if (prefix.Length == 0)
            throw barf("Null prefix not allowed");
        if (parser.Next() != PolicyToken.EndObject)
            throw barf(OnlyOneKey);
        if (parser.Next() != PolicyToken.EndObject)
            throw barf(OnlyOneKey);
        return new AnythingButPrefixCondition(prefix);
    }

    private Condition ParseAnythingButSingle(PolicyToken token)
    {
        var text = parser.GetText();
        if (token == PolicyToken.String)
            return new AnythingButStringsCondition([text]);
        // Raised outside the ruler's try block, so SNS reports it without a location.
        if (!FilterNumber.TryGetTicks(text, out var ticks))
            throw PolicyErrors.Policy(FilterNumber.RangeError);
        return new AnythingButNumbersCondition([ticks]);
    }

    private Condition ParseAnythingButList()
    {
        var strings = new List<string>();
        var numbers = new List<long>();
        PolicyToken token;
        while ((token = parser.Next()) != PolicyToken.EndArray)
        {
            switch (token)
            {
                case PolicyToken.String:
                    strings.Add(parser.GetText());
                    break;
                case PolicyToken.Number:
                    if (!FilterNumber.TryGetTicks(parser.GetText(), out var ticks))
                        throw barf(FilterNumber.RangeError);
                    numbers.Add(ticks);
                    break;
                default:
                    // The ruler catches its own parse exception here and raises it again with
                    // getMessage(), which already ends in the location: SNS shows it twice.
                    throw barf("Inside anything but list, start|null|boolean is not supported." + parser.Location());
            }
        }
        if ((strings.Count > 0) == (numbers.Count > 0))
            throw barf("Inside anything but list, either all values are number or string, mixed type is not supported");
        return numbers.Count > 0 ? new AnythingButNumbersCondition(numbers) : new AnythingButStringsCondition(strings);
    }
}
