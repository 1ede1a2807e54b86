using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>
/// LocalStack's unit expectations (not AWS recordings). Cases the AWS snapshot contradicts are listed in
/// <see cref="KnownDifferences"/>: for those the AWS behaviour is asserted instead, and the intent of the
/// case is still checked with the policy written the way AWS accepts it.
/// </summary>
public sealed class LocalStackUnitCaseTests
{
    private const string ScalarValueRejected =
        "LocalStack accepts a bare value for a key; AWS rejects it with '\"key\" must be an object or an array' " +
        "(snapshot test_sub_filter_policy_nested_property_constraints / sub-filter-policy-rule-no-list)";

    /// <summary>Attribute case index → why AWS behaves differently.</summary>
    private static readonly Dictionary<int, string> KnownDifferences = new()
    {
        [2] = ScalarValueRejected, // exact string filter
        [3] = ScalarValueRejected, // exact string filter on an array
        [4] = ScalarValueRejected, // exact string filter with no attributes
        [5] = ScalarValueRejected, // exact string filter with no match
    };

    public static TheoryData<int, string> AttributeCases()
    {
        var data = new TheoryData<int, string>();
        using var document = FilterTestData.Load("sns_filter_policy_unit_cases.json");
        var index = 0;
        foreach (var item in document.RootElement.GetProperty("cases").GetProperty("test_filter_policy").EnumerateArray())
            data.Add(index++, item[0].GetString()!);
        return data;
    }

    public static TheoryData<int, int> BodyCases()
    {
        var data = new TheoryData<int, int>();
        using var document = FilterTestData.Load("sns_filter_policy_unit_cases.json");
        var policyIndex = 0;
        foreach (var item in document.RootElement.GetProperty("cases").GetProperty("test_filter_policy_on_message_body").EnumerateArray())
        {
            for (var message = 0; message < item[1].GetArrayLength(); message++)
                data.Add(policyIndex, message);
            policyIndex++;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AttributeCases))]
    public void AttributeScope_LocalStackUnitCase_MatchesExpectation(int index, string description)
    {
        using var document = FilterTestData.Load("sns_filter_policy_unit_cases.json");
        var item = document.RootElement.GetProperty("cases").GetProperty("test_filter_policy")[index];
        var policyText = item[1].GetRawText();
        if (KnownDifferences.ContainsKey(index))
        {
            var error = Assert.Throws<FilterPolicyException>(() => FilterPolicy.Parse(policyText, FilterPolicyScope.MessageAttributes));
            Assert.Contains("must be an object or an array", error.Message, StringComparison.Ordinal);
            policyText = WrapScalars(item[1]);
        }

        var policy = FilterPolicy.Parse(policyText, FilterPolicyScope.MessageAttributes);

        Assert.True(item[3].GetBoolean() == policy.Matches(FilterTestData.Attributes(item[2])), description);
    }

    [Theory]
    [MemberData(nameof(BodyCases))]
    public void BodyScope_LocalStackUnitCase_MatchesExpectation(int policyIndex, int messageIndex)
    {
        using var document = FilterTestData.Load("sns_filter_policy_unit_cases.json");
        var item = document.RootElement.GetProperty("cases").GetProperty("test_filter_policy_on_message_body")[policyIndex];
        var policy = FilterPolicy.Parse(item[0].GetRawText(), FilterPolicyScope.MessageBody);
        var message = item[1][messageIndex];

        Assert.Equal(message[1].GetBoolean(), policy.MatchesBody(Encoding.UTF8.GetBytes(message[0].GetRawText())));
        Assert.Equal(message[1].GetBoolean(), policy.Matches(message[0]));
    }

    [Fact]
    public void UnitCorpus_CaseCounts_AreTheExtractedOnes()
    {
        Assert.Equal(69, AttributeCases().Count);
        Assert.Equal(10, BodyCases().Select(c => (int)c[0]).Distinct().Count());
    }

    private static string WrapScalars(JsonElement policy)
    {
        var node = JsonNode.Parse(policy.GetRawText())!.AsObject();
        foreach (var (name, value) in node.ToList())
        {
            if (value is JsonValue)
                node[name] = new JsonArray(value.DeepClone());
        }
        return node.ToJsonString();
    }
}
