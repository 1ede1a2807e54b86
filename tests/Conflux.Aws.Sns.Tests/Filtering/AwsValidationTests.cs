using System.Text.Json;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>
/// Invalid policies from the AWS-recorded snapshot: Parse must fail with the recorded text, Jackson's
/// location suffix included. Subscribe reports it as "Attributes Reason: ...", SetSubscriptionAttributes
/// without that lead.
/// </summary>
public sealed class AwsValidationTests
{
    public static TheoryData<int, string> RecordedErrors() => Cases(recorded: true);

    public static TheoryData<int, string> AcceptedPolicies() => Cases(recorded: false);

    [Theory]
    [MemberData(nameof(RecordedErrors))]
    public void Parse_PolicyAwsRejected_ThrowsRecordedMessage(int index, string name)
    {
        var (testId, key, api, scope, policy) = Case(index);
        Assert.True(FilterTestData.TryGetRecorded(testId, key!, out var recorded), name);
        var expected = recorded.GetProperty("Error").GetProperty("Message").GetString();

        var error = Assert.Throws<FilterPolicyException>(() => FilterPolicy.Parse(policy, scope));

        Assert.Equal(expected, api == "Subscribe" ? SnsErrors.AtSubscribe(error.Message) : error.Message);
    }

    [Theory]
    [MemberData(nameof(AcceptedPolicies))]
    public void Parse_PolicyAwsAccepted_Compiles(int index, string name)
    {
        var (_, _, _, scope, policy) = Case(index);

        var compiled = FilterPolicy.Parse(policy, scope);

        Assert.True(compiled.Scope == scope, name);
    }

    [Fact]
    public void Snapshot_EveryRecordedErrorOfTheValidationTests_IsCovered()
    {
        var covered = new HashSet<string>();
        using var document = FilterTestData.Load("aws_validation_cases.json");
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (item.GetProperty("snapshotKey").ValueKind == JsonValueKind.String)
                covered.Add(item.GetProperty("testId").GetString() + "/" + item.GetProperty("snapshotKey").GetString());
        }

        foreach (var test in FilterTestData.Snapshot.EnumerateObject())
        {
            foreach (var entry in test.Value.GetProperty("recorded-content").EnumerateObject())
            {
                // Errors about the policy itself; the FilterPolicyScope attribute's own error is not the engine's.
                if (entry.Value.TryGetProperty("Error", out var error)
                    && error.GetProperty("Message").GetString() is { } message
                    && (message.Contains("FilterPolicy:", StringComparison.Ordinal) || message.Contains("filter policy", StringComparison.Ordinal)))
                {
                    Assert.Contains(test.Name + "/" + entry.Name, covered);
                }
            }
        }
    }

    private static TheoryData<int, string> Cases(bool recorded)
    {
        var data = new TheoryData<int, string>();
        using var document = FilterTestData.Load("aws_validation_cases.json");
        var index = 0;
        foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var key = item.GetProperty("snapshotKey");
            if ((key.ValueKind == JsonValueKind.String) == recorded)
            {
                var test = item.GetProperty("testId").GetString()!;
                data.Add(index, test[(test.LastIndexOf(':') + 1)..] + "/" + (recorded ? key.GetString() : item.GetProperty("note").GetString()));
            }
            index++;
        }
        return data;
    }

    private static (string TestId, string? Key, string Api, FilterPolicyScope Scope, string Policy) Case(int index)
    {
        using var document = FilterTestData.Load("aws_validation_cases.json");
        var item = document.RootElement.GetProperty("cases")[index];
        return (
            item.GetProperty("testId").GetString()!,
            item.GetProperty("snapshotKey").GetString(),
            item.GetProperty("api").GetString()!,
            Enum.Parse<FilterPolicyScope>(item.GetProperty("scope").GetString()!),
            item.GetProperty("policy").GetRawText());
    }
}
