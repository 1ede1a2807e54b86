using System.Text;
using Conflux.Aws.Sns.Filtering;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns.Tests.Filtering;

public sealed class SnsFilterDialectTests
{
    [Fact]
    public void Dialects_Names_AreTheRegisteredOnes()
    {
        Assert.Equal("sns-attributes", SnsFilterDialect.Attributes.Dialect);
        Assert.Equal("sns-body", SnsFilterDialect.Body.Dialect);
        Assert.Equal(FilterPolicyScope.MessageAttributes, SnsFilterDialect.Attributes.Scope);
        Assert.Equal(FilterPolicyScope.MessageBody, SnsFilterDialect.Body.Scope);
    }

    [Fact]
    public void AttributesFilter_MessageProperties_AreReadAsSnsAttributes()
    {
        var filter = SnsFilterDialect.Attributes.Compile("""{"sport":["rugby"],"price":[{"numeric":[">",10]}]}""");

        Assert.True(filter.Matches(Message(
            ("sport", PropertyValue.String("""["soccer","rugby"]""", "Array")),
            ("price", PropertyValue.Number("12.5")))));
        Assert.True(filter.Matches(Message(
            ("sport", PropertyValue.String("rugby", "custom")),
            ("price", PropertyValue.Number("11", "float")))));
        Assert.False(filter.Matches(Message(
            ("sport", PropertyValue.String("rugby")),
            ("price", PropertyValue.String("12.5")))));
        Assert.False(filter.Matches(Message(("price", PropertyValue.Number("12.5")))));
    }

    [Fact]
    public void AttributesFilter_BinaryProperty_CountsAsAbsent()
    {
        var filter = SnsFilterDialect.Attributes.Compile("""{"blob":[{"exists":false}]}""");

        Assert.True(filter.Matches(Message(("blob", PropertyValue.Binary([1, 2, 3])))));
    }

    [Fact]
    public void AttributesFilter_OtherPropertyKinds_MatchByTheirText()
    {
        var filter = SnsFilterDialect.Attributes.Compile("""{"flag":["true"],"count":["7"]}""");

        Assert.True(filter.Matches(Message(("flag", PropertyValue.Boolean(true)), ("count", PropertyValue.Int32(7)))));
    }

    [Fact]
    public void BodyFilter_MessageBody_IsTheRawPublishedText()
    {
        var filter = SnsFilterDialect.Body.Compile("""{"detail":{"state":["ok"]}}""");

        Assert.True(filter.Matches(Message("""{"detail":{"state":"ok"}}""")));
        Assert.False(filter.Matches(Message("""{"detail":{"state":"alarm"}}""")));
        Assert.False(filter.Matches(Message("state ok")));
    }

    [Fact]
    public void BodyFilter_BodySlice_IsParsedInPlace()
    {
        var filter = SnsFilterDialect.Body.Compile("""{"a":["x"]}""");
        var bytes = Encoding.UTF8.GetBytes("""###{"a":"x"}###""");

        Assert.True(filter.Matches(new Message { MessageId = "m", Body = bytes.AsMemory(3, bytes.Length - 6) }));
    }

    [Fact]
    public void Compile_InvalidPolicy_ThrowsFilterPolicyException()
    {
        Assert.Throws<FilterPolicyException>(() => SnsFilterDialect.Attributes.Compile("""{"a":"x"}"""));
        Assert.Throws<FilterPolicyException>(() => SnsFilterDialect.Attributes.Compile("""{"a":{"b":["x"]}}"""));
        Assert.NotNull(SnsFilterDialect.Body.Compile("""{"a":{"b":["x"]}}"""));
    }

    private static Message Message(params (string Name, PropertyValue Value)[] properties) => new()
    {
        MessageId = "m",
        Body = Encoding.UTF8.GetBytes("body"),
        Properties = PropertyBag.From(properties.Select(p => new KeyValuePair<string, PropertyValue>(p.Name, p.Value))),
    };

    private static Message Message(string body) => new() { MessageId = "m", Body = Encoding.UTF8.GetBytes(body) };
}
