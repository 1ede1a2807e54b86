using System.Text.Json;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>Matching runs for every subscription on every publish, so the common paths must not allocate.</summary>
public sealed class FilterPolicyAllocationTests
{
    [Fact]
    public void Matches_AttributeScope_DoesNotAllocate()
    {
        var policy = FilterPolicy.Parse(
            """{"store":["example_corp"],"price":[{"numeric":[">",10,"<=",100]}],"tags":[{"prefix":"sp"}],"$or":[{"ip":[{"cidr":"10.0.0.0/8"}]},{"kind":[{"anything-but":["a","b"]}]}]}""",
            FilterPolicyScope.MessageAttributes);
        var attributes = new Dictionary<string, FilterAttribute>(StringComparer.Ordinal)
        {
            ["store"] = new("String", "example_corp"),
            ["price"] = new("Number", "42.5"),
            ["tags"] = new("String.Array", """["rugby","sports"]"""),
            ["kind"] = new("String", "c"),
        };

        Assert.Equal(0, AllocatedBytes(() => Assert.True(policy.Matches(attributes))));
    }

    [Fact]
    public void Matches_BodyScope_DoesNotAllocateOnAParsedBody()
    {
        var policy = FilterPolicy.Parse(
            """{"detail":{"state":["ok"],"count":[{"numeric":[">",1]}]},"Records":{"eventName":[{"prefix":"ObjectCreated:"}]}}""",
            FilterPolicyScope.MessageBody);
        using var body = JsonDocument.Parse(
            """{"detail":{"state":"ok","count":3,"other":{"deep":[1,2,3]}},"Records":[{"eventName":"ObjectRemoved:Delete"},{"eventName":"ObjectCreated:Put"}]}""");

        Assert.Equal(0, AllocatedBytes(() => Assert.True(policy.Matches(body.RootElement))));
    }

    private static long AllocatedBytes(Action action)
    {
        for (var i = 0; i < 100; i++)
            action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
