using System.Text;

namespace Conflux.Bench.Client;

/// <summary>SNS query-protocol forms, built once per scenario (values URL-encoded; message bodies need no encoding).</summary>
internal static class SnsRequests
{
    private const string Version = "Version=2010-03-31";

    public static byte[] CreateTopic(string name) => Form($"Action=CreateTopic&Name={Encode(name)}&{Version}");

    public static byte[] SubscribeQueue(string topicArn, string queueArn, bool raw) =>
        Form($"Action=Subscribe&TopicArn={Encode(topicArn)}&Protocol=sqs&Endpoint={Encode(queueArn)}" +
             (raw ? "&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true" : "") + $"&{Version}");

    /// <summary>A Publish of a 1 KiB message whose first bytes carry a timestamp and a sequence number (see <see cref="PublishBody"/>).</summary>
    public static PublishBody Publish(string topicArn)
    {
        var prefix = $"Action=Publish&{Version}&TopicArn={Encode(topicArn)}&Message=";
        return new PublishBody(Form(prefix + PublishBody.Template), Encoding.ASCII.GetByteCount(prefix));
    }

    private static string Encode(string value) => Uri.EscapeDataString(value);

    private static byte[] Form(string text) => Encoding.UTF8.GetBytes(text);
}
