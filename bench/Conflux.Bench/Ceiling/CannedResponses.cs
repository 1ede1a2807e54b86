using System.Text;

namespace Conflux.Bench.Ceiling;

/// <summary>
/// Fixed answers shaped and sized like Conflux's own, so every scenario (not just SendMessage) has a
/// ceiling to compare with. Bodies carry a zero timestamp, which consumers skip for end-to-end latency.
/// </summary>
internal static class CannedResponses
{
    private const string Md5 = "9d0c3e1f0b2d4c6a8e7f6a5b4c3d2e1f";
    private const string MessageId = "5fea7756-0ea4-451a-a703-a558b933e274";
    private const string ReceiptHandle = "AQAAAAAAAAABAAAAAAAAAAEAAAAB3q2-7wCmxMZ0Yw";

    public static readonly byte[] SendMessage = Utf8($$"""{"MD5OfMessageBody":"{{Md5}}","MessageId":"{{MessageId}}"}""");

    public static readonly byte[] SendMessageBatch = Utf8(
        "{\"Successful\":[" + string.Join(',', Enumerable.Range(0, 10).Select(i => $$"""{"Id":"{{i}}","MessageId":"{{MessageId}}","MD5OfMessageBody":"{{Md5}}"}""")) + "]}");

    public static readonly byte[] ReceiveOne = Receive(1);

    public static readonly byte[] ReceiveTen = Receive(10);

    public static readonly byte[] DeleteMessageBatch = Utf8(
        "{\"Successful\":[" + string.Join(',', Enumerable.Range(0, 10).Select(i => $$"""{"Id":"{{i}}"}""")) + "]}");

    public static readonly byte[] Empty = Utf8("{}");

    /// <summary>SNS Publish (query protocol, XML) as Conflux answers it.</summary>
    public static readonly byte[] Publish = Utf8(
        $"""<?xml version="1.0"?><PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>{MessageId}</MessageId></PublishResult><ResponseMetadata><RequestId>{MessageId}</RequestId></ResponseMetadata></PublishResponse>""");

    public static byte[] CreateQueue(int port) => Utf8($$"""{"QueueUrl":"http://127.0.0.1:{{port}}/000000000000/ceiling"}""");

    private static byte[] Receive(int count)
    {
        var body = new string('0', 19) + "-" + new string('c', 1024 - 20);
        var messages = Enumerable.Range(0, count).Select(_ =>
            $$"""{"MessageId":"{{MessageId}}","ReceiptHandle":"{{ReceiptHandle}}","MD5OfBody":"{{Md5}}","Body":"{{body}}"}""");
        return Utf8("{\"Messages\":[" + string.Join(',', messages) + "]}");
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
