using System.Text;
using System.Text.Json;
using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>Body-scope evaluation: paths, arrays, array consistency, exists, non-JSON bodies.</summary>
public sealed class FilterPolicyBodyTests
{
    [Theory]
    [InlineData("""{"a":{"b":[1],"c":[2]}}""", true)]
    [InlineData("""{"a":{"b":[1],"c":[4]}}""", false)] // b and c found only in different elements of one array
    [InlineData("""{"a":{"b":[3],"c":[4]}}""", true)]
    public void Matches_KeysUnderOneArray_MustComeFromTheSameElement(string policy, bool expected)
    {
        Assert.Equal(expected, Body(policy, """{"a":[{"b":1,"c":2},{"b":3,"c":4}]}"""));
    }

    [Fact]
    public void Matches_KeysUnderDifferentArrays_AreIndependent()
    {
        Assert.True(Body("""{"a":{"b":["x"]},"c":{"d":["y"]}}""", """{"a":[{"b":"q"},{"b":"x"}],"c":[{"d":"y"}]}"""));
    }

    [Theory]
    [InlineData("""{"f":null}""", false)]
    [InlineData("""{"f":[]}""", true)]
    [InlineData("""{"f":{}}""", true)]
    [InlineData("""{"f":{"g":1}}""", true)]
    [InlineData("""{"f":[1]}""", false)]
    [InlineData("""{"g":1}""", true)]
    public void Matches_ExistsFalse_CountsOnlyScalarValues(string body, bool expected)
    {
        Assert.Equal(expected, Body("""{"f":[{"exists":false}]}""", body));
    }

    [Theory]
    [InlineData("""{"f":null}""", true)]
    [InlineData("""{"f":[]}""", false)]
    [InlineData("""{"f":{"g":1}}""", false)]
    [InlineData("""{"f":[[0]]}""", true)]
    public void Matches_ExistsTrue_NeedsAScalarValue(string body, bool expected)
    {
        Assert.Equal(expected, Body("""{"f":[{"exists":true}]}""", body));
    }

    [Theory]
    [InlineData("""{"a":{"b":"x\"y"}}""", true)]
    [InlineData("""{"a\u002eb":"x\"y"}""", true)]
    [InlineData("""{"a":{"b":"x\u0022y"}}""", true)]
    [InlineData("""{"a":{"b":"x"}}""", false)]
    public void Matches_EscapedNamesAndValues_AreUnescapedFirst(string body, bool expected)
    {
        Assert.Equal(expected, Body("""{"a":{"b":["x\"y"]}}""", body));
    }

    [Theory]
    [InlineData("""{"v":true}""", """{"v":[true]}""", true)]
    [InlineData("""{"v":"true"}""", """{"v":[true]}""", false)]
    [InlineData("""{"v":null}""", """{"v":[null]}""", true)]
    [InlineData("""{"v":1e2}""", """{"v":[100]}""", true)]
    [InlineData("""{"v":"10.0.0.7"}""", """{"v":[{"cidr":"10.0.0.0/24"}]}""", true)]
    [InlineData("""{"v":"ObjectCreated:Put"}""", """{"v":[{"suffix":":Put"}]}""", true)]
    public void Matches_Scalars_KeepTheirJsonTypes(string body, string policy, bool expected)
    {
        Assert.Equal(expected, Body(policy, body));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("\"a json string\"")]
    [InlineData("[{\"a\":\"x\"}]")]
    [InlineData("{\"a\":\"x\"")]
    [InlineData("")]
    public void MatchesBody_NotAJsonObject_NeverMatches(string body)
    {
        Assert.False(Body("""{"a":["x"]}""", body));
    }

    [Fact]
    public void MatchesBody_LeadingBomAndWhitespace_AreSkipped()
    {
        var policy = FilterPolicy.Parse("""{"a":["x"]}""", FilterPolicyScope.MessageBody);
        Assert.True(policy.MatchesBody([0xEF, 0xBB, 0xBF, .. " \n{\"a\":\"x\"}"u8]));
    }

    [Fact]
    public void Matches_JsonElementThatIsNotAnObject_DoesNotMatch()
    {
        var policy = FilterPolicy.Parse("""{"a":["x"]}""", FilterPolicyScope.MessageBody);
        using var document = JsonDocument.Parse("""["x"]""");
        Assert.False(policy.Matches(document.RootElement));
    }

    [Fact]
    public void Matches_WrongScope_Throws()
    {
        var body = FilterPolicy.Parse("""{"a":["x"]}""", FilterPolicyScope.MessageBody);
        var attributes = FilterPolicy.Parse("""{"a":["x"]}""", FilterPolicyScope.MessageAttributes);
        Assert.Throws<InvalidOperationException>(() => body.Matches(new Dictionary<string, FilterAttribute>()));
        Assert.Throws<InvalidOperationException>(() => attributes.MatchesBody("{}"u8));
    }

    internal static bool Body(string policy, string body) =>
        FilterPolicy.Parse(policy, FilterPolicyScope.MessageBody).MatchesBody(Encoding.UTF8.GetBytes(body));
}
