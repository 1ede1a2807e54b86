using System.Collections.Frozen;

namespace Conflux.Aws.Sns.Filtering;

/// <summary>
/// Compiles a compact policy into its disjunctive form: a list of branches, each mapping key paths to their
/// match values, which is what event-ruler's JsonRuleCompiler produces and what SNS validates. The control
/// flow follows the ruler revision SNS's recorded errors correspond to (anything-but accepts only a prefix,
/// cidr errors carry no location), token for token, so that failures happen at the same Jackson column.
/// Operators the SNS documentation does not list (wildcard, exactly) are rejected as unrecognised.
/// </summary>
internal sealed class PolicyParser
{
    public const string OrKeyword = "$or";

    /// <summary>More branches than this can only mean more combinations than SNS allows.</summary>
    public const int MaxCombinations = 150;

    private static readonly FrozenSet<string> ReservedInOr = FrozenSet.ToFrozenSet(
    [
        "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists", "wildcard", "numeric", "cidr",
        "=", "<", "<=", ">", ">=", "regex", "not-wildcard", "not-equals-ignore-case",
        "date-after", "date-on-or-after", "date-before", "date-on-or-before", "in-date-range",
        "ip-address-in-range", "ip-address-not-in-range",
    ], StringComparer.Ordinal);

    private readonly JacksonTokenizer _parser;
    private readonly List<string> _path = [];
    private readonly List<PolicyLeaf> _leaves = [];
    private List<Dictionary<string, PolicyLeaf>> _rules = [];
    private bool _exploded;

    private PolicyParser(string compactJson) => _parser = new JacksonTokenizer(compactJson);

    public static ParsedPolicy Parse(string compactJson)
    {
        var parser = new PolicyParser(compactJson);
        if (parser._parser.Next() != PolicyToken.StartObject)
            throw parser.Barf("Filter is not an object");
        parser.ParseObject(insideOr: false);
        return new ParsedPolicy(parser._rules, parser._leaves, parser._exploded);
    }

    private static bool IsReserved(string name) => ReservedInOr.Contains(name);

    private void ParseObject(bool insideOr)
    {
        var fieldsPresent = false;
        while (_parser.Next() != PolicyToken.EndObject)
        {
            fieldsPresent = true;
            var stepName = _parser.CurrentName;
            if (stepName == OrKeyword && _parser.PendingValueIsOrArray(IsReserved))
            {
                ParseIntoOrRelationship();
                continue;
            }
            if (insideOr && IsReserved(stepName))
                throw Barf(stepName + " is Ruler reserved fieldName which cannot be used inside " + OrKeyword + ".");

            switch (_parser.Next())
            {
                case PolicyToken.StartObject:
                    _path.Add(stepName);
                    ParseObject(insideOr);
                    _path.RemoveAt(_path.Count - 1);
                    break;
                case PolicyToken.StartArray:
                    WriteRules(stepName);
                    break;
                default:
                    throw Barf($"\"{stepName}\" must be an object or an array");
            }
        }
        if (!fieldsPresent)
            throw Barf("Empty objects are not allowed");
    }

    private void ParseIntoOrRelationship()
    {
        var current = _exploded ? [] : DeepCopy(_rules);
        var outer = _rules;
        outer.Clear();
        _parser.Next(); // the array, already known to hold only objects

        while (_parser.Next() != PolicyToken.EndArray)
        {
            var branch = _exploded ? [] : DeepCopy(current);
            if (branch.Count == 0)
                branch.Add(new Dictionary<string, PolicyLeaf>(StringComparer.Ordinal));
            _rules = branch;
            ParseObject(insideOr: true);
            _rules = outer;
            if (_exploded)
                continue;
            outer.AddRange(branch);
            // Every branch adds at least one combination, so past the limit the policy is too complex;
            // stop expanding (the copies could grow exponentially) but keep parsing, so that syntax errors
            // and the key count, which SNS reports first, still surface.
            if (outer.Count > MaxCombinations)
            {
                _exploded = true;
                outer.Clear();
            }
        }
    }

    private static List<Dictionary<string, PolicyLeaf>> DeepCopy(List<Dictionary<string, PolicyLeaf>> rules)
    {
        var copy = new List<Dictionary<string, PolicyLeaf>>(rules.Count);
        foreach (var rule in rules)
            copy.Add(new Dictionary<string, PolicyLeaf>(rule, StringComparer.Ordinal));
        return copy;
    }

    private void WriteRules(string stepName)
    {
        var name = _path.Count == 0 ? stepName : string.Join('.', _path) + "." + stepName;
        var conditions = new List<Condition>();
        bool existsTrue = false, existsFalse = false;
        var count = 0;
        PolicyToken token;
        while ((token = _parser.Next()) != PolicyToken.EndArray)
        {
            count++;
            switch (token)
            {
                case PolicyToken.StartObject:
                    var match = new MatchExpressionParser(_parser, Barf).Parse();
                    if (match.Condition is not null)
                        conditions.Add(match.Condition);
                    existsTrue |= match.Exists == true;
                    existsFalse |= match.Exists == false;
                    break;
                case PolicyToken.String:
                    conditions.Add(new ExactStringCondition(_parser.GetText()));
                    break;
                case PolicyToken.Number:
                    conditions.Add(new ExactNumberCondition(_parser.GetText()));
                    break;
                case PolicyToken.True:
                    conditions.Add(new ExactLiteralCondition(ValueKind.True));
                    break;
                case PolicyToken.False:
                    conditions.Add(new ExactLiteralCondition(ValueKind.False));
                    break;
                case PolicyToken.Null:
                    conditions.Add(new ExactLiteralCondition(ValueKind.Null));
                    break;
                default:
                    throw Barf("Match value must be String, number, true, false, or null");
            }
        }
        if (count == 0)
            throw Barf("Empty arrays are not allowed");

        var leaf = new PolicyLeaf(name, _path.Count + 1, [.. conditions], existsTrue, existsFalse, count);
        _leaves.Add(leaf);
        if (_rules.Count == 0)
            _rules.Add(new Dictionary<string, PolicyLeaf>(StringComparer.Ordinal));
        // A key seen again in the same branch replaces the earlier one, as the ruler's map put does.
        foreach (var rule in _rules)
            rule[name] = leaf;
    }

    /// <summary>A JsonParseException as SNS words it: the reason, then Jackson's location.</summary>
    private FilterPolicyException Barf(string message) => PolicyErrors.Policy(message + _parser.Location());
}
