using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Conflux.Testing;

namespace Conflux.Aws.Sns.Tests;

/// <summary>
/// Durable fan-out, tested with a real kill -9: publishers run against a topic with three queue
/// subscriptions (envelope, raw, filtered); after the server is killed and restarted every publish that
/// returned a MessageId is in every queue it matched.
/// </summary>
public sealed class SnsCrashTests
{
    private static AmazonSQSClient Sqs(ServerProcess server) => new(
        new BasicAWSCredentials("crash", "test"),
        new AmazonSQSConfig { ServiceURL = server.Endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    [Fact]
    public async Task KillDashNine_AfterPublishReturned_EveryMatchingSubscriberHasTheMessage()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("conflux-sns-crash-").FullName;
        try
        {
            var acknowledged = new ConcurrentDictionary<string, bool>();
            const string topicArn = "arn:aws:sns:us-east-1:000000000000:fanout";
            await using (var server = await ServerProcess.StartAsync(dataDirectory))
            {
                using var sqs = Sqs(server);
                using var sns = new SnsQueryClient(server.Endpoint);
                await sns.CallAsync("CreateTopic", ("Name", "fanout"));
                foreach (var queue in (string[])["envelope", "raw", "even"])
                {
                    await sqs.CreateQueueAsync(queue);
                    var attributes = queue switch
                    {
                        "raw" => new[] { ("Attributes.entry.1.key", "RawMessageDelivery"), ("Attributes.entry.1.value", "true") },
                        "even" => [("Attributes.entry.1.key", "FilterPolicy"), ("Attributes.entry.1.value", "{\"parity\":[\"even\"]}")],
                        _ => [],
                    };
                    await sns.CallAsync("Subscribe", [("TopicArn", topicArn), ("Protocol", "sqs"), ("Endpoint", $"arn:aws:sqs:us-east-1:000000000000:{queue}"), .. attributes]);
                }

                using var stop = new CancellationTokenSource();
                var publishers = Enumerable.Range(0, 8).Select(publisher => Task.Run(async () =>
                {
                    using var client = new SnsQueryClient(server.Endpoint);
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var body = $"p{publisher}-{i}";
                        try
                        {
                            await client.CallAsync("Publish", ("TopicArn", topicArn), ("Message", body),
                                ("MessageAttributes.entry.1.Name", "parity"), ("MessageAttributes.entry.1.Value.DataType", "String"),
                                ("MessageAttributes.entry.1.Value.StringValue", i % 2 == 0 ? "even" : "odd"));
                            acknowledged[body] = i % 2 == 0;
                        }
                        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or SnsQueryException or System.Xml.XmlException)
                        {
                            return;
                        }
                    }
                })).ToList();

                Assert.True(await Eventually.TrueAsync(() => acknowledged.Count >= 1_500, TimeSpan.FromSeconds(60)), "publishers made too little progress");
                server.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(publishers);
            }

            await using var restarted = await ServerProcess.StartAsync(dataDirectory);
            using var client = Sqs(restarted);
            var envelope = await DrainAsync(client, restarted, "envelope", body => JsonDocument.Parse(body).RootElement.GetProperty("Message").GetString()!);
            var raw = await DrainAsync(client, restarted, "raw", body => body);
            var even = await DrainAsync(client, restarted, "even", body => JsonDocument.Parse(body).RootElement.GetProperty("Message").GetString()!);

            var missing = acknowledged.Keys.Where(m => !envelope.Contains(m) || !raw.Contains(m) || (acknowledged[m] && !even.Contains(m))).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged publishes missing after kill -9, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.DoesNotContain(even, m => acknowledged.TryGetValue(m, out var isEven) && !isEven);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<HashSet<string>> DrainAsync(AmazonSQSClient client, ServerProcess server, string queue, Func<string, string> message)
    {
        var url = $"{server.Endpoint}/000000000000/{queue}";
        var seen = new HashSet<string>();
        while (true)
        {
            var batch = await client.ReceiveMessageAsync(new ReceiveMessageRequest(url) { MaxNumberOfMessages = 10, VisibilityTimeout = 600 });
            if (batch.Messages is not { Count: > 0 } messages) return seen;
            foreach (var m in messages) Assert.True(seen.Add(message(m.Body)), $"{queue}: {m.Body} delivered twice");
        }
    }
}
