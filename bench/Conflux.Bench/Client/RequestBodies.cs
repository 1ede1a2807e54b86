using System.Text;

namespace Conflux.Bench.Client;

/// <summary>Request bodies, built once per scenario. Message bodies are 1 KiB of ASCII so JSON needs no escaping.</summary>
internal static class RequestBodies
{
    public const int MessageBytes = 1024;
    public const int BatchSize = 10;
    private const string BodyKey = "\"MessageBody\":\"";

    /// <summary>A 1 KiB body: a zero stamp (filled in by producers that measure latency), a dash, filler.</summary>
    public static string MessageBody { get; } = new string('0', StampedBody.StampLength) + "-" + new string('m', MessageBytes - StampedBody.StampLength - 1);

    public static byte[] CreateQueue(string name) => Utf8($$"""{"QueueName":"{{name}}"}""");

    public static StampedBody SendMessage(string queueUrl) =>
        Stamped($$"""{"QueueUrl":"{{queueUrl}}","MessageBody":"{{MessageBody}}"}""");

    public static StampedBody SendMessageBatch(string queueUrl)
    {
        var entries = Enumerable.Range(0, BatchSize).Select(i => $$"""{"Id":"m{{i}}","MessageBody":"{{MessageBody}}"}""");
        return Stamped($$"""{"QueueUrl":"{{queueUrl}}","Entries":[{{string.Join(',', entries)}}]}""");
    }

    public static byte[] GetQueueArn(string queueUrl) => Utf8($$"""{"QueueUrl":"{{queueUrl}}","AttributeNames":["QueueArn"]}""");

    // The ceiling endpoint looks for exactly "MaxNumberOfMessages":10 to decide how many canned messages to return.
    public static byte[] ReceiveMessage(string queueUrl, int max, int waitSeconds) =>
        Utf8($$"""{"QueueUrl":"{{queueUrl}}","MaxNumberOfMessages":{{max}},"WaitTimeSeconds":{{waitSeconds}}}""");

    private static StampedBody Stamped(string json)
    {
        var bytes = Utf8(json);
        var offsets = new List<int>();
        var key = Encoding.ASCII.GetBytes(BodyKey);
        for (var at = bytes.AsSpan().IndexOf(key); at >= 0;)
        {
            offsets.Add(at + key.Length);
            var next = bytes.AsSpan(at + key.Length).IndexOf(key);
            at = next < 0 ? -1 : at + key.Length + next;
        }
        return new StampedBody(bytes, [.. offsets]);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
