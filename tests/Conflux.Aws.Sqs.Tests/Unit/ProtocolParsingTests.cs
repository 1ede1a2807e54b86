using System.Text;
using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sqs.Tests.Unit;

public sealed class ProtocolParsingTests
{
    private static Dictionary<string, string> Form(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        FormParser.Parse(Encoding.ASCII.GetBytes(text), parameters);
        return parameters;
    }

    [Fact]
    public void FormParser_DecodesPercentPlusAndUtf8()
    {
        var form = Form("Action=SendMessage&MessageBody=a+b%26c%0D%0A%E2%9C%93&Empty=&Flag");
        Assert.Equal("a b&c\r\n✓", form["MessageBody"]);
        Assert.Equal("", form["Empty"]);
        Assert.Equal("", form["Flag"]);
    }

    [Theory]
    [InlineData("A=%")]
    [InlineData("A=%4")]
    [InlineData("A=%zz")]
    [InlineData("A=%FF%FE")]
    public void FormParser_Malformed_MalformedQueryString(string text)
    {
        var error = Assert.Throws<AwsServiceException>(() => Form(text));
        Assert.Equal("MalformedQueryString", error.Code);
    }

    [Fact]
    public void QueryNode_FlattenedListsAndMaps_ReadInIndexOrder()
    {
        var node = new QueryRequestNode(Form(
            "AttributeName.2=B&AttributeName.1=A&AttributeName.10=C" +
            "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=5" +
            "&MessageAttribute.1.Name=x&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=y" +
            "&Entry.1.Id=a&Entry.2.Id=b&Entry.2.MessageBody=hi"));
        Assert.Equal(["A", "B", "C"], node.StringList("AttributeNames", "AttributeName"));
        Assert.Equal([new("VisibilityTimeout", "5")], node.StringMap("Attributes", "Attribute"));
        var attribute = Assert.Single(node.StructMap("MessageAttributes", "MessageAttribute")!);
        Assert.Equal("x", attribute.Key);
        Assert.Equal("String", attribute.Value.String("DataType"));
        var entries = node.StructList("Entries", "Entry")!;
        Assert.Equal(["a", "b"], entries.Select(e => e.String("Id")));
        Assert.Equal("hi", entries[1].String("MessageBody"));
        Assert.Null(node.StringList("Missing", "Missing"));
    }

    [Fact]
    public void QueryNode_NonNumericInteger_InvalidParameterValue()
    {
        var error = Assert.Throws<AwsServiceException>(() => new QueryRequestNode(Form("DelaySeconds=abc")).Int("DelaySeconds"));
        Assert.Equal("InvalidParameterValue", error.Code);
    }

    [Fact]
    public void JsonNode_WrongType_SerializationException()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"DelaySeconds":"5","Body":3,"List":{}}""");
        var node = new JsonRequestNode(document.RootElement);
        Assert.Equal("SerializationException", Assert.Throws<AwsServiceException>(() => node.Int("DelaySeconds")).Code);
        Assert.Equal("SerializationException", Assert.Throws<AwsServiceException>(() => node.String("Body")).Code);
        Assert.Equal("SerializationException", Assert.Throws<AwsServiceException>(() => node.StringList("List", "x")).Code);
    }

    [Fact]
    public void Credentials_SigV4Header_GivesKeyRegionAndService()
    {
        var credentials = AwsCredentials.From("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=abc", null)!;
        Assert.Equal(("AKIDEXAMPLE", "eu-west-1", "sqs"), (credentials.AccessKeyId, credentials.Region, credentials.Service));
        Assert.Null(AwsCredentials.From(null, null));
    }

    [Theory]
    [InlineData("""{"B":"plain ascii"}""", "plain ascii")]
    [InlineData("""{"B":"caf\u00e9 \"q\" \\ \n"}""", "café \"q\" \\ \n")]
    [InlineData("""{"B":"✓ raw utf-8"}""", "✓ raw utf-8")]
    public void JsonNode_Utf8_EqualsEncodedString(string json, string expected)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), new JsonRequestNode(document.RootElement).Utf8("B"));
    }

    [Fact]
    public void JsonNode_LoneSurrogateEscape_SerializationException()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"B\":\"x\\ud800y\",\"M\":{\"k\\udc00\":\"v\"},\"L\":[\"\\ud800\"]}");
        var node = new JsonRequestNode(document.RootElement);
        Assert.Equal("SerializationException", Assert.Throws<AwsServiceException>(() => node.Utf8("B")).Code);
        Assert.Equal("SerializationException", Assert.Throws<AwsServiceException>(() => node.String("B")).Code);
        Assert.Equal("SerializationException", Assert.Throws<AwsServiceException>(() => node.StringMap("M", "M")).Code);
        Assert.Equal("SerializationException", Assert.Throws<AwsServiceException>(() => node.StringList("L", "L")).Code);
    }

    [Theory]
    [InlineData("hello", true)]
    [InlineData("tab\tnewline\ncr\r", true)]
    [InlineData("é ✓ 😀 \ud7ff \ue000 \ufffd", true)]
    [InlineData("nul\u0000", false)]
    [InlineData("bell\u0007", false)]
    [InlineData("\ufffe", false)]
    [InlineData("\uffff", false)]
    public void SqsText_Utf8AndUtf16Rules_Agree(string escaped, bool valid)
    {
        var text = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.Equal(valid, SqsText.IsValid(text));
        Assert.Equal(valid, SqsText.IsValid(Encoding.UTF8.GetBytes(text)));
    }
}
