using System.Text;
using System.Text.Json;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>
/// Random and mutated policies and messages: Parse may only fail with <see cref="FilterPolicyException"/>,
/// and a compiled policy never throws while matching. Seeds are fixed so failures reproduce.
/// </summary>
public sealed class FilterPolicyFuzzTests
{
    private static readonly string[] Keys = ["a", "b", "c", "a.b", "$or", "prefix", "x.y.z", "", "é"];

    private static readonly string[] Operators =
        ["prefix", "suffix", "anything-but", "equals-ignore-case", "numeric", "exists", "cidr", "wildcard", "bogus"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parse_RandomPolicies_ThrowOnlyFilterPolicyException(int seed)
    {
        var random = new Random(seed);
        var compiled = new List<FilterPolicy>();
        for (var i = 0; i < 1500; i++)
        {
            var text = random.Next(3) == 0 ? Mutate(random, Seeds[random.Next(Seeds.Length)]) : RandomPolicy(random, 0);
            foreach (var scope in new[] { FilterPolicyScope.MessageAttributes, FilterPolicyScope.MessageBody })
            {
                try
                {
                    compiled.Add(FilterPolicy.Parse(text, scope));
                }
                catch (FilterPolicyException ex)
                {
                    Assert.StartsWith("Invalid parameter: ", ex.Message, StringComparison.Ordinal);
                }
            }
        }

        Assert.NotEmpty(compiled);
        foreach (var policy in compiled)
        {
            for (var j = 0; j < 10; j++)
            {
                if (policy.Scope == FilterPolicyScope.MessageAttributes)
                {
                    policy.Matches(RandomAttributes(random));
                    continue;
                }
                var body = random.Next(4) == 0 ? RandomBytes(random) : Encoding.UTF8.GetBytes(RandomJson(random, 0));
                policy.MatchesBody(body);
            }
        }
    }

    private static readonly string[] Seeds =
    [
        """{"a":[{"numeric":[">",0,"<=",150]}],"b":["x",{"prefix":"y"}]}""",
        """{"$or":[{"a":["1"]},{"b":{"c":[{"exists":false}]}}],"d":[{"anything-but":{"prefix":"p"}}]}""",
        """{"a":[{"cidr":"10.0.0.0/24"},{"cidr":"2001:db8::/32"},{"equals-ignore-case":"Q"}]}""",
        """{"a":{"b":[{"anything-but":[1,2,3]}],"$or":[{"c":[null,true]},{"d":[1e2,-5]}]}}""",
    ];

    private static string Mutate(Random random, string seed)
    {
        var chars = new StringBuilder(seed);
        var edits = random.Next(1, 4);
        const string Alphabet = "{}[]\":,0123456789-.eE abnulltrue$or\\";
        for (var i = 0; i < edits && chars.Length > 0; i++)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(3))
            {
                case 0:
                    chars.Remove(at, 1);
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                default:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
            }
        }
        return chars.ToString();
    }

    private static string RandomPolicy(Random random, int depth)
    {
        var builder = new StringBuilder("{");
        var count = random.Next(depth == 0 ? 1 : 0, 4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                builder.Append(',');
            var key = Keys[random.Next(Keys.Length)];
            builder.Append(JsonSerializer.Serialize(key)).Append(':');
            var shape = random.Next(10);
            if (key == "$or" && shape < 5)
                builder.Append('[').Append(RandomPolicy(random, depth + 1)).Append(',').Append(RandomPolicy(random, depth + 1)).Append(']');
            else if (shape < 2 && depth < 3)
                builder.Append(RandomPolicy(random, depth + 1));
            else if (shape < 9)
                builder.Append(RandomValues(random));
            else
                builder.Append(RandomScalar(random));
        }
        return builder.Append('}').ToString();
    }

    private static string RandomValues(Random random)
    {
        var values = new List<string>();
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
            values.Add(random.Next(2) == 0 ? RandomScalar(random) : RandomOperator(random));
        return "[" + string.Join(",", values) + "]";
    }

    private static string RandomOperator(Random random)
    {
        var op = Operators[random.Next(Operators.Length)];
        var operand = op switch
        {
            "numeric" => random.Next(4) switch
            {
                0 => "[\"=\"," + RandomNumber(random) + "]",
                1 => "[\">\"," + RandomNumber(random) + ",\"<=\"," + RandomNumber(random) + "]",
                2 => "[\"<\"," + RandomScalar(random) + "]",
                _ => RandomValues(random),
            },
            "cidr" => JsonSerializer.Serialize(random.Next(3) switch
            {
                0 => $"10.{random.Next(300)}.0.0/{random.Next(-2, 40)}",
                1 => $"2001:db8::/{random.Next(0, 130)}",
                _ => "x/" + random.Next(10),
            }),
            "anything-but" => random.Next(3) switch
            {
                0 => "{\"prefix\":" + RandomScalar(random) + "}",
                1 => RandomValues(random),
                _ => RandomScalar(random),
            },
            "exists" => random.Next(2) == 0 ? "true" : RandomScalar(random),
            _ => RandomScalar(random),
        };
        var extra = random.Next(8) == 0 ? ",\"prefix\":\"z\"" : "";
        return "{" + JsonSerializer.Serialize(op) + ":" + operand + extra + "}";
    }

    private static string RandomScalar(Random random) => random.Next(7) switch
    {
        0 => "null",
        1 => "true",
        2 => RandomNumber(random),
        3 => "\"10.0.0." + random.Next(260) + "\"",
        4 => "[]",
        _ => JsonSerializer.Serialize(RandomText(random)),
    };

    private static string RandomNumber(Random random) => random.Next(5) switch
    {
        0 => random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 => "1e" + random.Next(-400, 400),
        2 => "-0.000001",
        3 => "123456789012345678901234567890",
        _ => (random.NextDouble() * 2e9 - 1e9).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string RandomText(Random random)
    {
        const string Alphabet = "abcxyzQ.-:/\"\\\u00e9\u2028\n\t 0123456789";
        var length = random.Next(0, 8);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        return builder.ToString();
    }

    private static string RandomJson(Random random, int depth)
    {
        switch (depth < 4 ? random.Next(8) : 7)
        {
            case 0:
            case 1:
            case 2:
                var members = Enumerable.Range(0, random.Next(0, 5))
                    .Select(_ => JsonSerializer.Serialize(Keys[random.Next(Keys.Length)]) + ":" + RandomJson(random, depth + 1));
                return "{" + string.Join(",", members) + "}";
            case 3:
                return "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomJson(random, depth + 1))) + "]";
            default:
                return RandomScalar(random);
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 40)];
        random.NextBytes(bytes);
        if (bytes.Length > 0 && random.Next(2) == 0)
            bytes[0] = (byte)'{';
        return bytes;
    }

    private static Dictionary<string, FilterAttribute> RandomAttributes(Random random)
    {
        string[] types = ["String", "Number", "String.Array", "Binary", "Number.x", "Weird"];
        var attributes = new Dictionary<string, FilterAttribute>(StringComparer.Ordinal);
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            var type = types[random.Next(types.Length)];
            var value = type == "String.Array" && random.Next(2) == 0 ? RandomJson(random, 2) : random.Next(5) == 0 ? null : RandomScalar(random).Trim('"');
            attributes[Keys[random.Next(Keys.Length)]] = new FilterAttribute(type, value);
        }
        return attributes;
    }
}
