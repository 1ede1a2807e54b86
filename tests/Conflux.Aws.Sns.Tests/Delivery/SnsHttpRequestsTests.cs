using System.Net;
using System.Text;
using Conflux.Aws.Sns.Delivery;

namespace Conflux.Aws.Sns.Tests.Delivery;

public sealed class SnsHttpRequestsTests
{
    private const string Topic = "arn:aws:sns:us-west-2:123456789012:MyTopic";
    private const string Subscription = Topic + ":c9135db0-26c4-47ec-8998-413945fb5a96";
    private static readonly Uri Endpoint = new("https://myhost.example.com/sns?x=1");

    // NonValidated: the text as it goes on the wire, not re-parsed into tokens.
    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private static string? ContentType(HttpRequestMessage request) =>
        request.Content!.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;

    [Fact]
    public async Task Create_Notification_PostsBodyWithAwsHeaders()
    {
        var body = Encoding.UTF8.GetBytes("{\n  \"Type\" : \"Notification\"\n}");
        using var request = SnsHttpRequests.Create(Endpoint, SnsMessageType.Notification, "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", Topic, Subscription, body);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Endpoint, request.RequestUri);
        Assert.Equal("Notification", Header(request, "x-amz-sns-message-type"));
        Assert.Equal("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", Header(request, "x-amz-sns-message-id"));
        Assert.Equal(Topic, Header(request, "x-amz-sns-topic-arn"));
        Assert.Equal(Subscription, Header(request, "x-amz-sns-subscription-arn"));
        Assert.Null(Header(request, "x-amz-sns-rawdelivery"));
        Assert.Equal("Amazon Simple Notification Service Agent", Header(request, "User-Agent"));
        Assert.Equal("Amazon Simple Notification Service Agent", request.Headers.UserAgent.ToString());
        Assert.Equal("text/plain; charset=UTF-8", ContentType(request));
        Assert.Equal(body, await request.Content!.ReadAsByteArrayAsync());
    }

    [Fact]
    public void Create_RawNotificationWithPolicyContentType_MarksRawAndUsesContentType()
    {
        using var request = SnsHttpRequests.Create(Endpoint, SnsMessageType.Notification, "m", Topic, Subscription, "a,b"u8.ToArray(), "text/csv", rawDelivery: true);

        Assert.Equal("true", Header(request, "x-amz-sns-rawdelivery"));
        Assert.Equal("text/csv", ContentType(request));
    }

    [Fact]
    public void Create_SubscriptionConfirmation_NoSubscriptionArnAndPlainText()
    {
        using var request = SnsHttpRequests.Create(Endpoint, SnsMessageType.SubscriptionConfirmation, "m", Topic, Subscription, "{}"u8.ToArray(), "application/json", rawDelivery: true);

        Assert.Equal("SubscriptionConfirmation", Header(request, "x-amz-sns-message-type"));
        Assert.Null(Header(request, "x-amz-sns-subscription-arn"));
        Assert.Null(Header(request, "x-amz-sns-rawdelivery"));
        Assert.Equal("text/plain; charset=UTF-8", ContentType(request));
    }

    [Fact]
    public void Create_UnsubscribeConfirmation_CarriesSubscriptionArn()
    {
        using var request = SnsHttpRequests.Create(Endpoint, SnsMessageType.UnsubscribeConfirmation, "m", Topic, Subscription, "{}"u8.ToArray());

        Assert.Equal("UnsubscribeConfirmation", Header(request, "x-amz-sns-message-type"));
        Assert.Equal(Subscription, Header(request, "x-amz-sns-subscription-arn"));
    }

    [Theory]
    [InlineData(200, SnsHttpOutcome.Delivered)]
    [InlineData(204, SnsHttpOutcome.Delivered)]
    [InlineData(302, SnsHttpOutcome.Delivered)]
    [InlineData(400, SnsHttpOutcome.Rejected)]
    [InlineData(404, SnsHttpOutcome.Rejected)]
    [InlineData(429, SnsHttpOutcome.Rejected)]
    [InlineData(499, SnsHttpOutcome.Rejected)]
    [InlineData(100, SnsHttpOutcome.Retry)]
    [InlineData(101, SnsHttpOutcome.Retry)]
    [InlineData(500, SnsHttpOutcome.Retry)]
    [InlineData(503, SnsHttpOutcome.Retry)]
    [InlineData(599, SnsHttpOutcome.Retry)]
    public void Classify_StatusCode_FollowsSnsRule(int status, SnsHttpOutcome expected)
    {
        Assert.Equal(expected, SnsHttpRequests.Classify((HttpStatusCode)status));
    }

    [Fact]
    public void Urls_Build_AwsShapes()
    {
        Assert.Equal("https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + Topic + "&Token=tok",
            SnsUrls.Subscribe("https://sns.us-west-2.amazonaws.com/", Topic, "tok"));
        Assert.Equal("https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + Subscription,
            SnsUrls.Unsubscribe("https://sns.us-west-2.amazonaws.com", Subscription));
    }
}
