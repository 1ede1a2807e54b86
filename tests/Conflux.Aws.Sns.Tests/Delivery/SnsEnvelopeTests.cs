using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Conflux.Aws.Sns.Delivery;

namespace Conflux.Aws.Sns.Tests.Delivery;

/// <summary>
/// Golden envelopes. The first three are bodies of real SNS-to-SQS deliveries, published with the md5OfBody SQS
/// computed on them, so they pin every byte; the others are the examples in AWS's "Parsing message formats" page.
/// </summary>
public sealed class SnsEnvelopeTests
{
    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static string Write(SnsNotification notification, string unsubscribeUrl)
    {
        var buffer = new ArrayBufferWriter<byte>();
        SnsEnvelope.WriteNotification(notification, unsubscribeUrl, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void WriteNotification_WithAttributes_MatchesRealDeliveryByteForByte()
    {
        var notification = new SnsNotification
        {
            MessageId = "d689df28-6403-5b9a-8609-878b8b31f3ce",
            TopicArn = "arn:aws:sns:us-east-1:259232244835:pips-dispatch",
            Message = "{\"bucket\": \"grid-dev-lidarscans\", \"key\": \"RiPS/jpg/hobu.jpg\"}",
            Timestamp = Time("2021-02-15T03:39:30.566Z"),
            Signature = new SnsSignature(1,
                "UZYKEnyYgjz3Nl3c0wmHBBTauwuDUlBY5LrtdPgf0ktoeT+LRA2bl/oKaO1ubCH8lwAZDr7zQor29R6VJsZbI6gWmC6Rv77QYpwV1g4FbUX7HJcgVEm42U76Nq8zcF//09jEtY7qIvEmvSzr1MAa3tk1IerFHCXmEULF46tnUo5RbH1viabGu/kmI6k7Rah6zT+7WT3mqT+9g5ID85YvovDLhOaCrlxsg+aePzbb1CtPohpbdeRfI4PsGqqxGRL/uLA3PxCPPlYDSIqPgijK8LNY8+ZfPgaMpsQAUd2O0TyXqfiwE6zoTylkxTsMnHPEUXb/WkOjwrHJcT4VHoLS5Q==",
                "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-010a507c1833636cd94bdb98bd93083a.pem"),
            MessageAttributes =
            [
                new SnsMessageAttribute("Command", "String", "process"),
                new SnsMessageAttribute("Prefix", "String", "/grid-dev-lidarscans/RiPS/jpg"),
            ],
        };

        var body = Write(notification, "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:259232244835:pips-dispatch:bf355acc-8839-48ba-8426-9f62a3ab9730");

        Assert.Equal("2eac0c6b3151018833816d501204e42d", Md5(body));
        Assert.Equal(
            """
            {
              "Type" : "Notification",
              "MessageId" : "d689df28-6403-5b9a-8609-878b8b31f3ce",
              "TopicArn" : "arn:aws:sns:us-east-1:259232244835:pips-dispatch",
              "Message" : "{\"bucket\": \"grid-dev-lidarscans\", \"key\": \"RiPS/jpg/hobu.jpg\"}",
              "Timestamp" : "2021-02-15T03:39:30.566Z",
              "SignatureVersion" : "1",
              "Signature" : "UZYKEnyYgjz3Nl3c0wmHBBTauwuDUlBY5LrtdPgf0ktoeT+LRA2bl/oKaO1ubCH8lwAZDr7zQor29R6VJsZbI6gWmC6Rv77QYpwV1g4FbUX7HJcgVEm42U76Nq8zcF//09jEtY7qIvEmvSzr1MAa3tk1IerFHCXmEULF46tnUo5RbH1viabGu/kmI6k7Rah6zT+7WT3mqT+9g5ID85YvovDLhOaCrlxsg+aePzbb1CtPohpbdeRfI4PsGqqxGRL/uLA3PxCPPlYDSIqPgijK8LNY8+ZfPgaMpsQAUd2O0TyXqfiwE6zoTylkxTsMnHPEUXb/WkOjwrHJcT4VHoLS5Q==",
              "SigningCertURL" : "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-010a507c1833636cd94bdb98bd93083a.pem",
              "UnsubscribeURL" : "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:259232244835:pips-dispatch:bf355acc-8839-48ba-8426-9f62a3ab9730",
              "MessageAttributes" : {
                "Command" : {"Type":"String","Value":"process"},
                "Prefix" : {"Type":"String","Value":"/grid-dev-lidarscans/RiPS/jpg"}
              }
            }
            """,
            body);
    }

    [Fact]
    public void WriteNotification_UrlsInsideMessage_MatchesRealDeliveryMd5()
    {
        var notification = new SnsNotification
        {
            MessageId = "26dbc29f-5865-5603-a3ae-a2029168ad0b",
            TopicArn = "arn:aws:sns:us-east-1:477591219415:dev-cidb2-lambda-collector-sns-topic",
            Message = """{"message": {"id": 1, "data": {"AccountId": "053210025230", "PolicyArn": "arn:aws:iam::053210025230:policy/KinesisFirehoseSplunk2022051914163538720000001d", "PolicyName": "KinesisFirehoseSplunk2022051914163538720000001d", "Tags": {"SOXBackup": "NA", "fin_billing_model": "dedicated", "sec_approval": "cloudsecarch-36365916", "sec_data_sensitivity": "highly_restricted", "fin_billing_environment": "labs", "inv_eon_id": "309816", "AppName": "Landing Zone", "sec_tam_environment": "dev", "obs_owning_contact": "itawscoreservices@eatonvance.com", "AppId": "lanz01", "PointOfContact": "ITAWSCoreServices@eatonvance.com", "SourceBranch": "https://github.com/Eaton-Vance-Corp/landing-zone", "DataType": "Highly Restricted", "Environment": "dev", "fin_billing_eon_id": "309816"}}}}""",
            Timestamp = Time("2025-05-13T22:25:17.091Z"),
            Signature = new SnsSignature(1,
                "sxAWItlE3jJZDbsEuRuN6TOZvjwMoswETOvhiR3n8E+ne+SkELvxBriSwDj2bYH3ARB9ZABCTsGZT/F1FZtUSKNpQJB/jZbL4aVGNwGwM9GuIVAPWSbduXUQGJuToJkCtno5uOTPT72d4LwyJV6mZilKq+WXdwVnDdiBiTc+cPFP5LYzE7R/Bp3hRfsYnuuYi6PpZOMSbgxYDiplBl8woyi8bG0GDFhx1+8+PHjLSd/WKFGOwJ7du9szkel+VCzOs/tJWzPj8vmxyEJ+EQQ3HNk66NOWvgVAlL6XAQi7CSWoXjLbXLsrkbwDuJw2fshHjsIcjPobhxbmjvUUyZ2sNg==",
                "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem"),
            MessageAttributes =
            [
                new SnsMessageAttribute("Service", "String", "AWS::IAM::Policy"),
                new SnsMessageAttribute("Region", "String", "global"),
                new SnsMessageAttribute("Source", "String", "cidb2:inventory"),
            ],
        };

        var body = Write(notification, "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:477591219415:dev-cidb2-lambda-collector-sns-topic:37f47522-29f1-4bec-92ad-eb8f5dd312ed");

        Assert.Equal("1e09c7aca8543ac59a94773e2bc6f1e1", Md5(body));
    }

    [Fact]
    public void WriteNotification_WithSubject_MatchesRealDeliveryMd5()
    {
        var notification = new SnsNotification
        {
            MessageId = "6c7e07c1-3206-53b1-9bb2-51a9a7a021dc",
            TopicArn = "arn:aws:sns:us-west-2:410986195230:BriansStack_topic",
            Subject = "booga",
            Message = "booooooga!!!!!!!",
            Timestamp = Time("2019-12-09T18:33:10.738Z"),
            Signature = new SnsSignature(1,
                "EGVeKZEGWzBESB34N88c5H59x5enHLARUWjX/KP8zf1Xua4F85Q3WlBJ58b9iPTkhmyZAjwG/pubCBULLbu0gmJfoDENzNdWqmWY+pumGMoj7hm3jikKj4RcRRAtfSKH1xNUB93M8UlnKSbE1yssbb43uDp1rPVcoxI0d8PPH+uFhYnYsCCLbMpJoaVTNAWacD8fSWdC0/NtmH+4f/1DbIsrGcu5ENB1YA5cNie8fnG0zlTiqsx6obWdlUvusseSmD8u7eVZrFqK+BO6BblgazNsCcm9FOMTu2u4+UHOKGU2Hm7H5fErz5eJhQskQFkSmQkAD7ifZMi63tZ+eQqBlQ==",
                "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-6aad65c2f9911b05cd53efda11f913f9.pem"),
        };

        var body = Write(notification, "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:410986195230:BriansStack_topic:a836b663-10b2-4e41-b507-4d4de728bf71");

        Assert.Equal("664bca05f3b70325bc706a38d42ea723", Md5(body));
    }

    [Fact]
    public void WriteNotification_DocumentationExample_FieldsInAwsOrderAndFormat()
    {
        var notification = new SnsNotification
        {
            MessageId = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
            TopicArn = "arn:aws:sns:us-west-2:123456789012:MyTopic",
            Subject = "My First Message",
            Message = "Hello world!",
            Timestamp = Time("2012-05-02T00:54:06.655Z"),
            Signature = new SnsSignature(1,
                "EXAMPLEw6JRNwm1LFQL4ICB0bnXrdB8ClRMTQFGBqwLpGbM78tJ4etTwC5zU7O3tS6tGpey3ejedNdOJ+1fkIp9F2/LmNVKb5aFlYq+9rk9ZiPph5YlLmWsDcyC5T+Sy9/umic5S0UQc2PEtgdpVBahwNOdMW4JPwk0kAJJztnc=",
                "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem"),
        };

        var body = Write(notification, SnsUrls.Unsubscribe("https://sns.us-west-2.amazonaws.com", "arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0-26c4-47ec-8998-413945fb5a96"));

        Assert.Equal(
            """
            {
              "Type" : "Notification",
              "MessageId" : "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
              "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
              "Subject" : "My First Message",
              "Message" : "Hello world!",
              "Timestamp" : "2012-05-02T00:54:06.655Z",
              "SignatureVersion" : "1",
              "Signature" : "EXAMPLEw6JRNwm1LFQL4ICB0bnXrdB8ClRMTQFGBqwLpGbM78tJ4etTwC5zU7O3tS6tGpey3ejedNdOJ+1fkIp9F2/LmNVKb5aFlYq+9rk9ZiPph5YlLmWsDcyC5T+Sy9/umic5S0UQc2PEtgdpVBahwNOdMW4JPwk0kAJJztnc=",
              "SigningCertURL" : "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
              "UnsubscribeURL" : "https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-west-2:123456789012:MyTopic:c9135db0-26c4-47ec-8998-413945fb5a96"
            }
            """,
            body);
        // 773 is the Content-Length in the documented request.
        Assert.Equal(773, Encoding.UTF8.GetByteCount(body));
    }

    [Fact]
    public void WriteConfirmation_DocumentationExample_FieldsInAwsOrderAndFormat()
    {
        const string topic = "arn:aws:sns:us-west-2:123456789012:MyTopic";
        const string token = "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736";
        var confirmation = new SnsConfirmation
        {
            Type = SnsMessageType.SubscriptionConfirmation,
            MessageId = "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
            Token = token,
            TopicArn = topic,
            Message = SnsConfirmation.SubscribeMessage(topic),
            SubscribeUrl = SnsUrls.Subscribe("https://sns.us-west-2.amazonaws.com/", topic, token),
            Timestamp = Time("2012-04-26T20:45:04.751Z"),
            Signature = new SnsSignature(1,
                "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
                "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem"),
        };
        var buffer = new ArrayBufferWriter<byte>();

        SnsEnvelope.WriteConfirmation(confirmation, buffer);

        // The page indents the closing brace by two spaces; real deliveries (and notifications) end in "\n}".
        Assert.Equal(
            """
            {
              "Type" : "SubscriptionConfirmation",
              "MessageId" : "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
              "Token" : "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
              "TopicArn" : "arn:aws:sns:us-west-2:123456789012:MyTopic",
              "Message" : "You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:MyTopic.\nTo confirm the subscription, visit the SubscribeURL included in this message.",
              "SubscribeURL" : "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-west-2:123456789012:MyTopic&Token=2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736",
              "Timestamp" : "2012-04-26T20:45:04.751Z",
              "SignatureVersion" : "1",
              "Signature" : "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=",
              "SigningCertURL" : "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem"
            }
            """,
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void UnsubscribeMessage_Subscription_MatchesAwsText() =>
        Assert.Equal(
            "You have chosen to deactivate subscription arn:aws:sns:us-west-2:123456789012:MyTopic:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.",
            SnsConfirmation.UnsubscribeMessage("arn:aws:sns:us-west-2:123456789012:MyTopic:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55"));

    [Fact]
    public void Confirmation_NotificationType_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnsConfirmation
        {
            Type = SnsMessageType.Notification, MessageId = "m", Token = "t", TopicArn = "a", Message = "x", SubscribeUrl = "u", Timestamp = default,
        });

    [Fact]
    public void WriteNotification_FifoTopic_SequenceNumberAfterMessageIdAndNoSignature()
    {
        var notification = new SnsNotification
        {
            MessageId = "m-1",
            SequenceNumber = "10000000000000003000",
            TopicArn = "arn:aws:sns:us-east-1:111111111111:t.fifo",
            Subject = "s",
            Message = "Test",
            Timestamp = Time("2025-08-18T16:25:29.123Z"),
            MessageAttributes = [new SnsMessageAttribute("a", "String", "b")],
        };

        var body = Write(notification, "https://sns/?Action=Unsubscribe&SubscriptionArn=x");

        // The member order recorded from AWS for a FIFO topic's delivery to SQS.
        using var document = JsonDocument.Parse(body);
        Assert.Equal(
            ["Type", "MessageId", "SequenceNumber", "TopicArn", "Subject", "Message", "Timestamp", "UnsubscribeURL", "MessageAttributes"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void WriteNotification_SpecialCharacters_EscapedOnlyWhereJacksonEscapes()
    {
        var notification = Minimal("q\" b\\ n\n r\r t\t f\f b\b c\u0001\u001f / <&>' é KBDS도넛 😀 \u2028 \u007f");

        var body = Write(notification, "u");

        Assert.Contains(
            "\"Message\" : \"q\\\" b\\\\ n\\n r\\r t\\t f\\f b\\b c\\u0001\\u001F / <&>' é KBDS도넛 😀 \u2028 \u007f\"",
            body, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        Assert.Equal(notification.Message, document.RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public void WriteNotification_LongMessageWithSurrogatePairsAcrossChunks_KeepsEveryCharacter()
    {
        var message = string.Concat(Enumerable.Repeat("a😀\"é", 5000)) + new string('x', 4095) + "😀";
        var body = Write(Minimal(message), "u");

        using var document = JsonDocument.Parse(body);
        Assert.Equal(message, document.RootElement.GetProperty("Message").GetString());
        Assert.DoesNotContain("\\u", body, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteNotification_BinaryAttribute_WritesBase64()
    {
        var notification = Minimal("m") with
        {
            MessageAttributes =
            [
                new SnsMessageAttribute("bin", "Binary", null, new byte[] { 0, 1, 2, 250, 251, 252 }),
                new SnsMessageAttribute("num", "Number.java.lang.Long", "1723202440316"),
                new SnsMessageAttribute("arr", "String.Array", "[\"a\",1]"),
            ],
        };

        var body = Write(notification, "u");

        Assert.EndsWith(
            "\"UnsubscribeURL\" : \"u\",\n  \"MessageAttributes\" : {\n" +
            "    \"bin\" : {\"Type\":\"Binary\",\"Value\":\"AAEC+vv8\"},\n" +
            "    \"num\" : {\"Type\":\"Number.java.lang.Long\",\"Value\":\"1723202440316\"},\n" +
            "    \"arr\" : {\"Type\":\"String.Array\",\"Value\":\"[\\\"a\\\",1]\"}\n  }\n}",
            body, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteNotification_Timestamp_UtcWithMillisecondsTruncated()
    {
        var local = new DateTimeOffset(2024, 2, 29, 23, 59, 58, TimeSpan.FromHours(-5)).AddTicks(9_999_999);

        var body = Write(Minimal("m") with { Timestamp = local }, "u");

        Assert.Contains("\"Timestamp\" : \"2024-03-01T04:59:58.999Z\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_ManySubscriptions_SameBytesAsDirectWrite()
    {
        using var signer = SnsSigner.Create("us-east-1", TimeProvider.System);
        var notification = Minimal("hello \"world\"") with
        {
            Subject = "s",
            MessageAttributes = [new SnsMessageAttribute("k", "String", "v")],
        };
        notification = notification.Sign(signer, 2, SnsUrls.SigningCert("https://sns.us-east-1.amazonaws.com", signer));
        var prepared = SnsEnvelope.Prepare(notification);

        foreach (var subscription in new[] { "arn:aws:sns:us-east-1:1:t:a", "arn:aws:sns:us-east-1:1:t:b\"" })
        {
            var url = SnsUrls.Unsubscribe("https://sns.us-east-1.amazonaws.com", subscription);
            var bytes = prepared.ToArray(url);
            Assert.Equal(Write(notification, url), Encoding.UTF8.GetString(bytes));
            Assert.Equal(prepared.LengthWithoutUrl + Encoding.UTF8.GetByteCount(url) + (subscription.EndsWith('"') ? 1 : 0), bytes.Length);
        }
    }

    [Fact]
    public void Sign_Notification_SignatureBlockCoversRenderedFields()
    {
        using var signer = SnsSigner.Create("us-east-1", TimeProvider.System);
        var notification = Minimal("payload").Sign(signer, 1, "https://example/cert.pem");

        using var document = JsonDocument.Parse(Write(notification, "u"));
        var root = document.RootElement;
        var fields = new SnsSignedFields(SnsMessageType.Notification, root.GetProperty("MessageId").GetString()!, root.GetProperty("Message").GetString()!,
            Time(root.GetProperty("Timestamp").GetString()!), root.GetProperty("TopicArn").GetString()!);
        Assert.Equal("1", root.GetProperty("SignatureVersion").GetString());
        Assert.Equal("https://example/cert.pem", root.GetProperty("SigningCertURL").GetString());
        Assert.Equal(signer.Sign(fields, 1), root.GetProperty("Signature").GetString());
    }

    private static SnsNotification Minimal(string message) => new()
    {
        MessageId = "m",
        TopicArn = "arn:aws:sns:us-east-1:111111111111:t",
        Message = message,
        Timestamp = Time("2025-01-01T00:00:00.000Z"),
    };
}
