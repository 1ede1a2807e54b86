using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Conflux.Core.Engine;

namespace Conflux.Aws.Sns.Tests;

/// <summary>What each subscription receives, through the real router, renderer and engine.</summary>
public sealed class SnsRenderingTests
{
    private const string Topic = SnsHarness.ArnPrefix + "t";

    private static string Subscribe(string topic, string queue, params (string Key, string Value)[] attributes) =>
        $"Action=Subscribe&TopicArn={topic}&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:000000000000:{queue}" +
        string.Concat(attributes.Select((a, i) => $"&Attributes.entry.{i + 1}.key={a.Key}&Attributes.entry.{i + 1}.value={Uri.EscapeDataString(a.Value)}"));

    private static string Attributes(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"&MessageAttributes.entry.{i}.Name=a{i}&MessageAttributes.entry.{i}.Value.DataType=String&MessageAttributes.entry.{i}.Value.StringValue=v{i}"));

    private static JsonElement Envelope(ReceivedMessage message) => JsonDocument.Parse(message.Message.Body).RootElement;

    [Fact]
    public async Task Envelope_TwoQueues_OneVerifiableSignatureAndOwnUnsubscribeUrls()
    {
        await using var sns = await SnsHarness.StartAsync();
        await sns.QueueAsync("a");
        await sns.QueueAsync("b");
        await sns.OkAsync("Action=CreateTopic&Name=t");
        await sns.OkAsync(Subscribe(Topic, "a"));
        await sns.OkAsync(Subscribe(Topic, "b"));

        var id = await sns.ValueAsync($"Action=Publish&TopicArn={Topic}&Message=hello&Subject=s", "MessageId");

        var a = Envelope(Assert.Single(await sns.DrainAsync("a")));
        var b = Envelope(Assert.Single(await sns.DrainAsync("b")));
        Assert.Equal(id, a.GetProperty("MessageId").GetString());
        Assert.Equal(a.GetProperty("Signature").GetString(), b.GetProperty("Signature").GetString());
        Assert.NotEqual(a.GetProperty("UnsubscribeURL").GetString(), b.GetProperty("UnsubscribeURL").GetString());
        var signed = $"Message\nhello\nMessageId\n{id}\nSubject\ns\nTimestamp\n{a.GetProperty("Timestamp").GetString()}\nTopicArn\n{Topic}\nType\nNotification\n";
        var pem = await CertificateAsync(sns);
        using var certificate = X509Certificate2.CreateFromPem(pem);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(signed), Convert.FromBase64String(a.GetProperty("Signature").GetString()!), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    private static async Task<string> CertificateAsync(SnsHarness sns)
    {
        var pem = await sns.Engine.GetOrCreateMetadataAsync("sns.signing-key", () => throw new InvalidOperationException("no key"));
        var start = pem.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        return pem[start..];
    }

    [Fact]
    public async Task FifoTopic_ToStandardQueue_NoGroupIdAndUnsignedEnvelopeWithSequence()
    {
        await using var sns = await SnsHarness.StartAsync();
        await sns.QueueAsync("std");
        await sns.QueueAsync("ordered.fifo");
        await sns.OkAsync("Action=CreateTopic&Name=t.fifo&Attributes.entry.1.key=FifoTopic&Attributes.entry.1.value=true");
        await sns.OkAsync(Subscribe(Topic + ".fifo", "std"));
        await sns.OkAsync(Subscribe(Topic + ".fifo", "ordered.fifo"));

        var sequence = await sns.ValueAsync($"Action=Publish&TopicArn={Topic}.fifo&Message=m&MessageGroupId=g&MessageDeduplicationId=d", "SequenceNumber");

        var standard = Assert.Single(await sns.DrainAsync("std"));
        var ordered = Assert.Single(await sns.DrainAsync("ordered.fifo"));
        Assert.Null(standard.Message.GroupId);
        Assert.Equal("g", ordered.Message.GroupId);
        var envelope = Envelope(ordered);
        Assert.Equal(sequence, envelope.GetProperty("SequenceNumber").GetString());
        Assert.False(envelope.TryGetProperty("Signature", out _));
    }

    [Fact]
    public async Task RawDelivery_MoreThanTenAttributes_QueueCopyDroppedEnvelopeCopyKept()
    {
        await using var sns = await SnsHarness.StartAsync();
        await sns.QueueAsync("raw");
        await sns.QueueAsync("env");
        await sns.OkAsync("Action=CreateTopic&Name=t");
        await sns.OkAsync(Subscribe(Topic, "raw", ("RawMessageDelivery", "true")));
        await sns.OkAsync(Subscribe(Topic, "env"));

        await sns.OkAsync($"Action=Publish&TopicArn={Topic}&Message=eleven{Attributes(11)}");
        await sns.OkAsync($"Action=Publish&TopicArn={Topic}&Message=ten{Attributes(10)}");

        var raw = Assert.Single(await sns.DrainAsync("raw"));
        Assert.Equal("ten", Encoding.UTF8.GetString(raw.Message.Body.Span));
        Assert.Equal(10, raw.Message.Properties.Count);
        var envelopes = await sns.DrainAsync("env");
        Assert.Equal(2, envelopes.Count);
        Assert.Equal(11, Envelope(envelopes[0]).GetProperty("MessageAttributes").EnumerateObject().Count());
    }

    [Fact]
    public async Task MessageStructureJson_QueueGetsItsKeyElseDefault()
    {
        await using var sns = await SnsHarness.StartAsync();
        await sns.QueueAsync("q");
        await sns.OkAsync("Action=CreateTopic&Name=t");
        await sns.OkAsync(Subscribe(Topic, "q", ("RawMessageDelivery", "true")));

        await sns.OkAsync($"Action=Publish&TopicArn={Topic}&MessageStructure=json&Message={Uri.EscapeDataString("""{"default":"d","sqs":"for queues"}""")}");
        await sns.OkAsync($"Action=Publish&TopicArn={Topic}&MessageStructure=json&Message={Uri.EscapeDataString("""{"default":"fallback","http":"h"}""")}");

        Assert.Equal(["for queues", "fallback"], (await sns.DrainAsync("q")).Select(m => Encoding.UTF8.GetString(m.Message.Body.Span)));
    }

    [Fact]
    public async Task Copies_GetTheirOwnQueueMessageIds()
    {
        await using var sns = await SnsHarness.StartAsync();
        await sns.QueueAsync("a");
        await sns.QueueAsync("b");
        await sns.OkAsync("Action=CreateTopic&Name=t");
        await sns.OkAsync(Subscribe(Topic, "a", ("RawMessageDelivery", "true")));
        await sns.OkAsync(Subscribe(Topic, "b", ("RawMessageDelivery", "true")));

        var id = await sns.ValueAsync($"Action=Publish&TopicArn={Topic}&Message=x", "MessageId");

        var ids = new[] { Assert.Single(await sns.DrainAsync("a")).Message.MessageId, Assert.Single(await sns.DrainAsync("b")).Message.MessageId };
        Assert.Equal(3, ids.Append(id).Distinct().Count());
    }
}
