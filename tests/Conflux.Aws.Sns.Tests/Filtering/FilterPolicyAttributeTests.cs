using Conflux.Aws.Sns.Filtering;

namespace Conflux.Aws.Sns.Tests.Filtering;

/// <summary>Operator semantics on message attributes beyond the corpus: types, precision, exists, anything-but, cidr.</summary>
public sealed class FilterPolicyAttributeTests
{
    [Theory]
    [InlineData("""{"n":[{"numeric":["=",300]}]}""", "Number", "300", true)]
    [InlineData("""{"n":[{"numeric":["=",300]}]}""", "Number", "3.0e2", true)]
    [InlineData("""{"n":[{"numeric":["=",300]}]}""", "String", "300", false)]
    [InlineData("""{"n":[300]}""", "Number", "300.000", true)]
    [InlineData("""{"n":[300]}""", "String", "300", false)]
    [InlineData("""{"n":["300"]}""", "Number", "300", false)]
    [InlineData("""{"n":["300"]}""", "String", "300", true)]
    [InlineData("""{"n":[{"prefix":"30"}]}""", "Number", "300", false)]
    [InlineData("""{"n":[{"numeric":[">",0,"<",1]}]}""", "Number.float", "0.5", true)]
    [InlineData("""{"n":[{"numeric":[">=",-1000000000]}]}""", "Number", "-1000000000", true)]
    public void Matches_ValueTypes_FollowJsonTypesOfAttributes(string policy, string dataType, string value, bool expected)
    {
        Assert.Equal(expected, Attributes(policy, ("n", dataType, value)));
    }

    [Theory]
    [InlineData("1.000001", true)] // equal to five decimal places
    [InlineData("1.00001", false)]
    [InlineData("1", true)]
    public void Matches_NumericEquals_ComparesFiveDecimalPlaces(string value, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"n":[{"numeric":["=",1]}]}""", ("n", "Number", value)));
    }

    [Theory]
    [InlineData("1000000001")]
    [InlineData("-1e10")]
    [InlineData("1e400")]
    public void Matches_NumberBeyondOneBillion_NeverMatchesNumericConditions(string value)
    {
        Assert.False(Attributes("""{"n":[{"numeric":[">",0]}]}""", ("n", "Number", value)));
        Assert.False(Attributes("""{"n":[{"numeric":["<",0]}]}""", ("n", "Number", value)));
    }

    [Fact]
    public void Matches_LargeExactNumber_StillMatchesByText()
    {
        Assert.True(Attributes("""{"account":[123456789012]}""", ("account", "Number", "123456789012")));
    }

    [Theory]
    [InlineData("""{"b":[{"exists":true}]}""", false)]
    [InlineData("""{"b":[{"exists":false}]}""", true)]
    [InlineData("""{"b":[{"anything-but":"x"}]}""", false)]
    public void Matches_BinaryAttribute_IsIgnoredAsIfAbsent(string policy, bool expected)
    {
        Assert.Equal(expected, Attributes(policy, ("b", "Binary", null)));
    }

    [Theory]
    [InlineData("""["a","b"]""", false)]
    [InlineData("""["a","c"]""", true)]
    [InlineData("""[]""", false)]
    [InlineData("""[1,2]""", true)]
    public void Matches_AnythingButOnStringArray_PassesWhenAnyElementIsNotExcluded(string array, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"s":[{"anything-but":["a","b"]}]}""", ("s", "String.Array", array)));
    }

    [Theory]
    [InlineData("String", "1", true)] // only numbers are excluded by a numeric anything-but
    [InlineData("Number", "1", false)]
    [InlineData("Number", "1.0", false)]
    [InlineData("Number", "3", true)]
    public void Matches_AnythingButNumbers_ExcludesOnlyEqualNumbers(string dataType, string value, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"n":[{"anything-but":[1,2]}]}""", ("n", dataType, value)));
    }

    [Theory]
    [InlineData("String", "test-1", false)]
    [InlineData("String", "prod-1", true)]
    [InlineData("Number", "5", true)]
    public void Matches_AnythingButPrefix_ExcludesOnlyPrefixedStrings(string dataType, string value, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"s":[{"anything-but":{"prefix":"test-"}}]}""", ("s", dataType, value)));
    }

    [Fact]
    public void Matches_AnythingButWithoutTheAttribute_DoesNotMatch()
    {
        Assert.False(Attributes("""{"s":[{"anything-but":"x"}]}"""));
    }

    [Theory]
    [InlineData("HELLO", true)]
    [InlineData("hello", true)]
    [InlineData("hell", false)]
    public void Matches_EqualsIgnoreCase_IgnoresCaseOnly(string value, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"s":[{"equals-ignore-case":"HeLLo"}]}""", ("s", "String", value)));
    }

    [Theory]
    [InlineData("2001:db8:1234:1a00::1", true)]
    [InlineData("2001:0db8:1234:1a00:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1234:1a01::", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("not-an-ip", false)]
    public void Matches_CidrIPv6_ComparesAddresses(string value, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"ip":[{"cidr":"2001:db8:1234:1a00::/64"}]}""", ("ip", "String", value)));
    }

    [Theory]
    [InlineData("10.0.0.4", false)] // the ruler does not clear the host bits of the base address
    [InlineData("10.0.0.5", true)]
    [InlineData("10.0.0.255", true)]
    [InlineData("10.0.1.0", false)]
    public void Matches_CidrWithHostBitsSet_StartsAtTheGivenAddress(string value, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"ip":[{"cidr":"10.0.0.5/24"}]}""", ("ip", "String", value)));
    }

    [Fact]
    public void Matches_ExactIpString_MatchesOtherSpellingsOfTheAddress()
    {
        Assert.True(Attributes("""{"ip":["2001:db8::1"]}""", ("ip", "String", "2001:0db8:0000:0000:0000:0000:0000:0001")));
        Assert.False(Attributes("""{"ip":["2001:db8::1"]}""", ("ip", "String", "2001:db8::2")));
    }

    [Theory]
    [InlineData("""[0, 5]""", true)]
    [InlineData("""[0, "5"]""", false)]
    [InlineData("""[[0], [5]]""", true)]
    [InlineData("""not json""", false)]
    public void Matches_NumericOnStringArray_UsesNumberElements(string array, bool expected)
    {
        Assert.Equal(expected, Attributes("""{"s":[{"numeric":[">",1]}]}""", ("s", "String.Array", array)));
    }

    [Fact]
    public void Matches_ExistsTrueOnStringArray_CountsThePresentAttribute()
    {
        Assert.True(Attributes("""{"s":[{"exists":true}]}""", ("s", "String.Array", "not json")));
    }

    [Fact]
    public void Matches_DottedAttributeName_IsOneName()
    {
        Assert.True(Attributes("""{"a.b":["x"]}""", ("a.b", "String", "x")));
        Assert.False(Attributes("""{"a.b":["x"]}""", ("a", "String", "x")));
    }

    [Fact]
    public void Matches_OrWithASingleObject_IsAnOrdinaryAttributeName()
    {
        var error = Assert.Throws<FilterPolicyException>(() => FilterPolicy.Parse("""{"$or":[{"a":["x"]}]}""", FilterPolicyScope.MessageAttributes));
        Assert.StartsWith("Invalid parameter: FilterPolicy: Unrecognized match type a", error.Message, StringComparison.Ordinal);
        Assert.True(Attributes("""{"$or":["x","y"]}""", ("$or", "String", "y")));
    }

    [Fact]
    public void Matches_OrWhoseObjectsUseReservedNames_IsAnOrdinaryAttributeName()
    {
        const string Policy = """{"$or":[{"prefix":"a"},{"suffix":"z"}]}""";
        Assert.True(Attributes(Policy, ("$or", "String", "abc")));
        Assert.True(Attributes(Policy, ("$or", "String", "xyz")));
        Assert.False(Attributes(Policy, ("$or", "String", "mmm")));
    }

    [Fact]
    public void Matches_OuterKeyRedefinedInsideOr_IsOverriddenInThatBranch()
    {
        // event-ruler writes each key into every branch; a later definition of the same key replaces it.
        const string Policy = """{"a":["x"],"$or":[{"a":["y"]},{"b":["z"]}]}""";
        Assert.True(Attributes(Policy, ("a", "String", "y")));
        Assert.True(Attributes(Policy, ("a", "String", "x"), ("b", "String", "z")));
        Assert.False(Attributes(Policy, ("a", "String", "x")));
    }

    [Fact]
    public void Matches_EmptyPolicy_MatchesEverything()
    {
        Assert.True(Attributes("{}"));
        Assert.True(Attributes("{}", ("a", "String", "x")));
    }

    internal static bool Attributes(string policy, params (string Name, string DataType, string? Value)[] attributes)
    {
        var compiled = FilterPolicy.Parse(policy, FilterPolicyScope.MessageAttributes);
        var dictionary = attributes.ToDictionary(a => a.Name, a => new FilterAttribute(a.DataType, a.Value), StringComparer.Ordinal);
        return compiled.Matches(dictionary);
    }
}
