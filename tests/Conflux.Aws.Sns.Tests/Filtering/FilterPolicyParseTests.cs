using System.Text;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>Validation beyond the recorded corpus: limits, message shapes, and the ruler's error positions.</summary>
public sealed class FilterPolicyParseTests
{
    [Fact]
    public void Parse_SubscribeAndSetAttributes_DifferOnlyInTheLead()
    {
        var error = Assert.Throws<FilterPolicyException>(() => Parse("""{"a":[]}"""));

        Assert.StartsWith("Invalid parameter: FilterPolicy: Empty arrays are not allowed\n at [Source: (String)\"{\"a\":[]}\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("Invalid parameter: Attributes Reason: " + error.Message["Invalid parameter: ".Length..], SnsErrors.AtSubscribe(error.Message));
    }

    [Fact]
    public void Parse_WhitespaceAndDuplicateKeys_AreNormalisedBeforeLocating()
    {
        var error = Assert.Throws<FilterPolicyException>(() => Parse("{ \"a\" : [ \"x\" ],\n  \"a\": [] }"));

        Assert.Equal("Invalid parameter: FilterPolicy: Empty arrays are not allowed\n at [Source: (String)\"{\"a\":[]}\"; line: 1, column: 8]", error.Message);
    }

    [Fact]
    public void Parse_LongPolicy_TruncatesTheSourceAt500Characters()
    {
        var values = string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"value-{i:D3}\""));
        var error = Assert.Throws<FilterPolicyException>(() => Parse("{\"a\":[" + values + ",[]]}"));

        Assert.Contains("\"[truncated ", error.Message, StringComparison.Ordinal);
        var column = ("{\"a\":[" + values + ",[").Length + 1;
        Assert.EndsWith(" chars]; line: 1, column: " + column + "]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"a\":[\"x\"]")]
    [InlineData("")]
    public void Parse_NotJson_ReportsParseFailure(string policy)
    {
        var error = Assert.Throws<FilterPolicyException>(() => Parse(policy));
        Assert.Equal("Invalid parameter: FilterPolicy: failed to parse JSON.", error.Message);
    }

    [Theory]
    [InlineData("[]", "Filter is not an object")]
    [InlineData("""{"a":{}}""", "Empty objects are not allowed")]
    [InlineData("""{"a":[{}]}""", "Match expression name not found")]
    [InlineData("""{"a":[{"wildcard":"x*"}]}""", "Unrecognized match type wildcard")]
    [InlineData("""{"a":[{"exactly":"x"}]}""", "Unrecognized match type exactly")]
    [InlineData("""{"a":[{"numeric":"x"}]}""", "Value of numeric must be an array.")]
    [InlineData("""{"a":[{"anything-but":{"prefix":""}}]}""", "Null prefix not allowed")]
    [InlineData("""{"a":[{"anything-but":["x",1]}]}""", "Inside anything but list, either all values are number or string, mixed type is not supported")]
    [InlineData("""{"a":[{"anything-but":true}]}""", "Value of anything-but must be an array or single string/number value.")]
    [InlineData("""{"a":[{"numeric":["<",2000000000]}]}""", "Value must be between -1.0E9 and 1.0E9, inclusive")]
    [InlineData("""{"a":[{"numeric":[">",2000000000]}]}""", "Bottom must be less than top")]
    [InlineData("""{"$or":[{"a":["x"]},{"b":{"prefix":["y"]}}]}""", "prefix is Ruler reserved fieldName which cannot be used inside $or.")]
    public void Parse_RulerErrors_CarryTheJacksonLocation(string policy, string reason)
    {
        var error = Assert.Throws<FilterPolicyException>(() => Parse(policy));

        Assert.StartsWith("Invalid parameter: FilterPolicy: " + reason + "\n at [Source: (String)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnythingButListWithNull_RepeatsTheLocationAsTheRulerDoes()
    {
        var error = Assert.Throws<FilterPolicyException>(() => Parse("""{"a":[{"anything-but":["x",null]}]}"""));

        const string Location = "\n at [Source: (String)\"{\"a\":[{\"anything-but\":[\"x\",null]}]}\"; line: 1, column: 32]";
        Assert.Equal("Invalid parameter: FilterPolicy: Inside anything but list, start|null|boolean is not supported." + Location + Location, error.Message);
    }

    [Theory]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/32"}]}""", "IPv4 mask bits must be < 32")]
    [InlineData("""{"a":[{"cidr":"::/128"}]}""", "IPv6 mask bits must be < 128")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/-1"}]}""", "Malformed CIDR, mask bits must not be negative")]
    [InlineData("""{"a":[{"cidr":"10.0.0.0/8/8"}]}""", "Malformed CIDR, one '/' required")]
    [InlineData("""{"a":[{"cidr":"300.0.0.0/8"}]}""", "Invalid IP address: 300.0.0.0")]
    [InlineData("""{"a":[{"anything-but":5000000000}]}""", "Value must be between -1.0E9 and 1.0E9, inclusive")]
    public void Parse_ErrorsRaisedOutsideTheJsonParser_HaveNoLocation(string policy, string reason)
    {
        var error = Assert.Throws<FilterPolicyException>(() => Parse(policy));

        Assert.Equal("Invalid parameter: FilterPolicy: " + reason, error.Message);
    }

    [Fact]
    public void Parse_FiveLeafKeysInANestedBody_IsAllowedAndSixIsNot()
    {
        Assert.NotNull(Parse("""{"a":{"b":["1"],"c":["2"],"d":["3"]},"e":{"f":["4"],"g":["5"]}}""", FilterPolicyScope.MessageBody));

        var error = Assert.Throws<FilterPolicyException>(() =>
            Parse("""{"a":{"b":["1"],"c":["2"],"d":["3"]},"e":{"f":["4"],"g":["5"],"h":["6"]}}""", FilterPolicyScope.MessageBody));
        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys", error.Message);
    }

    [Fact]
    public void Parse_KeysAcrossOrBranches_CountOnceEach()
    {
        Assert.NotNull(Parse("""{"$or":[{"a":["1"],"b":["2"]},{"a":["3"],"b":["4"]}],"c":["5"],"d":["6"],"e":["7"]}"""));
        Assert.Throws<FilterPolicyException>(() => Parse("""{"$or":[{"a":["1"],"b":["2"]},{"c":["3"],"d":["4"]}],"e":["5"],"f":["6"]}"""));
    }

    [Theory]
    [InlineData(150, false)]
    [InlineData(151, true)]
    public void Parse_NestingDepth_WeighsTheCombinationCount(int depth, bool tooComplex)
    {
        var policy = new StringBuilder();
        for (var i = 1; i < depth; i++)
            policy.Append("{\"k").Append(i).Append("\":");
        policy.Append("{\"leaf\":[\"v\"]}").Append('}', depth - 1);

        if (!tooComplex)
        {
            Assert.NotNull(Parse(policy.ToString(), FilterPolicyScope.MessageBody));
            return;
        }
        var error = Assert.Throws<FilterPolicyException>(() => Parse(policy.ToString(), FilterPolicyScope.MessageBody));
        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy is too complex", error.Message);
    }

    [Fact]
    public void Parse_OrsMultiplyingIntoMillionsOfBranches_FailsFastAsTooComplex()
    {
        // Five keys, each an "$or" of 20 branches: 20^5 alternatives if expanded in full.
        var branches = string.Join(",", Enumerable.Range(0, 20).Select(i => $"{{\"x\":[\"{i}\"]}}"));
        var policy = "{" + string.Join(",", "abcde".Select(k => $"\"{k}\":{{\"$or\":[{branches}]}}")) + "}";

        var error = Assert.Throws<FilterPolicyException>(() => Parse(policy, FilterPolicyScope.MessageBody));
        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy is too complex", error.Message);
    }

    [Fact]
    public void Parse_ExplodingOrsWithSixKeys_StillReportsTheKeyLimitFirst()
    {
        var branches = string.Join(",", Enumerable.Range(0, 20).Select(i => $"{{\"x\":[\"{i}\"]}}"));
        var policy = "{" + string.Join(",", "abcdef".Select(k => $"\"{k}\":{{\"$or\":[{branches}]}}")) + "}";

        var error = Assert.Throws<FilterPolicyException>(() => Parse(policy, FilterPolicyScope.MessageBody));
        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys", error.Message);
    }

    [Fact]
    public void Parse_PolicyOver256KB_IsRejected()
    {
        var policy = "{\"a\":[\"" + new string('x', 256 * 1024) + "\"]}";

        var error = Assert.Throws<FilterPolicyException>(() => Parse(policy));

        Assert.Equal("Invalid parameter: FilterPolicy: Filter policy can not be larger than 256 KB", error.Message);
    }

    [Fact]
    public void Parse_NestedPolicyInAttributesScope_IsRejectedWithoutFilterPolicyLead()
    {
        var error = Assert.Throws<FilterPolicyException>(() => Parse("""{"a":{"b":["x"]}}"""));

        Assert.Equal("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy", error.Message);
        Assert.Equal("Invalid parameter: Attributes Reason: Filter policy scope MessageAttributes does not support nested filter policy", SnsErrors.AtSubscribe(error.Message));
    }

    private static FilterPolicy Parse(string policy, FilterPolicyScope scope = FilterPolicyScope.MessageAttributes) =>
        FilterPolicy.Parse(policy, scope);
}
