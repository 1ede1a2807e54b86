using System.Text;
using System.Text.Json;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>
/// Delivery outcomes recorded against AWS: each published message must match the policy exactly when AWS
/// delivered it. Where a snapshot key holds everything a queue received, the test also checks the
/// transcription against the recording.
/// </summary>
public sealed class AwsDeliveryTests
{
    public static TheoryData<int, int, string> Messages()
    {
        var data = new TheoryData<int, int, string>();
        using var document = FilterTestData.Load("aws_delivery_cases.json");
        var groupIndex = 0;
        foreach (var group in document.RootElement.GetProperty("groups").EnumerateArray())
        {
            var test = group.GetProperty("testId").GetString()!;
            for (var i = 0; i < group.GetProperty("messages").GetArrayLength(); i++)
                data.Add(groupIndex, i, test[(test.LastIndexOf(':') + 1)..]);
            groupIndex++;
        }
        return data;
    }

    public static TheoryData<int, string> DeliveredGroups()
    {
        var data = new TheoryData<int, string>();
        using var document = FilterTestData.Load("aws_delivery_cases.json");
        var groupIndex = 0;
        foreach (var group in document.RootElement.GetProperty("groups").EnumerateArray())
        {
            if (group.TryGetProperty("deliveredKey", out var key))
                data.Add(groupIndex, key.GetString()!);
            groupIndex++;
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Matches_MessageAwsFiltered_AgreesWithRecording(int groupIndex, int messageIndex, string test)
    {
        using var document = FilterTestData.Load("aws_delivery_cases.json");
        var group = document.RootElement.GetProperty("groups")[groupIndex];
        var message = group.GetProperty("messages")[messageIndex];
        var scope = Enum.Parse<FilterPolicyScope>(group.GetProperty("scope").GetString()!);
        var policy = FilterPolicy.Parse(group.GetProperty("policy").GetRawText(), scope);
        var expected = message.GetProperty("expected").GetBoolean();

        var actual = scope == FilterPolicyScope.MessageAttributes
            ? policy.Matches(FilterTestData.Attributes(message.GetProperty("attributes")))
            : policy.MatchesBody(Encoding.UTF8.GetBytes(BodyText(message)));

        Assert.True(expected == actual, $"{test} message {messageIndex}: expected {expected}");
    }

    [Fact]
    public void Evidence_EverySnapshotKeyNamed_WasRecorded()
    {
        using var document = FilterTestData.Load("aws_delivery_cases.json");
        foreach (var group in document.RootElement.GetProperty("groups").EnumerateArray())
        {
            var test = group.GetProperty("testId").GetString()!;
            Assert.True(FilterTestData.Snapshot.TryGetProperty(test, out _), test);
            foreach (var message in group.GetProperty("messages").EnumerateArray())
            {
                if (message.TryGetProperty("evidence", out var evidence) && !evidence.GetString()!.StartsWith("upstream", StringComparison.Ordinal))
                    Assert.True(FilterTestData.TryGetRecorded(test, evidence.GetString()!, out _), test + " " + evidence.GetString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(DeliveredGroups))]
    public void Snapshot_DeliveredMessages_AreExactlyThoseExpectedToMatch(int groupIndex, string deliveredKey)
    {
        using var document = FilterTestData.Load("aws_delivery_cases.json");
        var group = document.RootElement.GetProperty("groups")[groupIndex];
        Assert.True(FilterTestData.TryGetRecorded(group.GetProperty("testId").GetString()!, deliveredKey, out var recorded));
        var delivered = recorded.GetProperty("Messages").EnumerateArray()
            .Select(m => FilterTestData.PublishedMessage(m.GetProperty("Body")))
            .ToList();
        var expected = group.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("expected").GetBoolean())
            .Select(m => m.GetProperty("body"))
            .ToList();

        Assert.Equal(expected.Count, delivered.Count);
        foreach (var message in delivered)
        {
            var match = expected.FindIndex(e => FilterTestData.LooselyEquals(message, e));
            Assert.True(match >= 0, "recorded message not among the expected ones: " + message.GetRawText());
            expected.RemoveAt(match);
        }
    }

    private static string BodyText(JsonElement message)
    {
        if (message.TryGetProperty("body", out var body))
            return body.GetRawText();
        if (message.TryGetProperty("bodyFile", out var file))
            return File.ReadAllText(FilterTestData.PathOf(file.GetString()!));
        return message.GetProperty("message").GetString()!;
    }
}
