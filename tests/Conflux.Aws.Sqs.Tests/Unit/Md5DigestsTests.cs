using System.Text;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sqs.Tests.Unit;

/// <summary>Digest values recorded from real AWS responses (LocalStack's AWS-validated SQS snapshots).</summary>
public sealed class Md5DigestsTests
{
    private static KeyValuePair<string, PropertyValue> S(string name, string value) => new(name, PropertyValue.String(value));

    [Theory]
    [InlineData("test", "098f6bcd4621d373cade4e832627b4f6")]
    [InlineData("message-1", "3d6b824fd8c1520e9a047d21fee6fb1f")]
    [InlineData("Hello World!", "ed076287532e86365e841e92bfc50d8c")]
    public void OfBody_MatchesAws(string body, string expected) => Assert.Equal(expected, Md5Digests.OfBody(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void OfAttributes_SingleString_MatchesAws() =>
        Assert.Equal("adb59cd4678ea5a855436b949cd07ab6", Md5Digests.OfAttributes(PropertyBag.From([S("MyAttribute", "foobar")])));

    [Fact]
    public void OfAttributes_SeveralStrings_AreSortedByName()
    {
        Assert.Equal("4c360f3fdafd970e05fae2f149d997f5", Md5Digests.OfAttributes(PropertyBag.From([S("Hello", "There"), S("Help.Me", "Me"), S("General", "Kenobi")])));
        Assert.Equal("83fee93c1bcd8b9a5a923ffacdc636c7", Md5Digests.OfAttributes(PropertyBag.From([S("Help.Me", "Me"), S("Hello", "There")])));
        Assert.Equal("fca026605781cb4126a1e9044df24232", Md5Digests.OfAttributes(PropertyBag.From([S("General", "Kenobi"), S("Hello", "There")])));
        Assert.Equal("a311262e065454b75da111d535b8dacd", Md5Digests.OfAttributes(PropertyBag.From([S("Hello", "There")])));
        Assert.Equal("ae7155c6026991b6d54b11589678bf9c", Md5Digests.OfAttributes(PropertyBag.From([S("Foo", "Bar")])));
    }

    [Fact]
    public void OfAttributes_Binary_UsesTransportTypeTwo()
    {
        var value = Encoding.ASCII.GetBytes("traceparent\u001e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01");
        Assert.Equal("8cbe4db156db8a94db8b801b7addb984", Md5Digests.OfAttributes(PropertyBag.From([new("attr1", PropertyValue.Binary(value))])));
    }

    [Fact]
    public void OfAttributes_None_IsNull() => Assert.Null(Md5Digests.OfAttributes(PropertyBag.Empty));
}
