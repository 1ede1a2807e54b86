using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Conflux.Testing;

namespace Conflux.Server.Tests;

/// <summary>
/// The durability promise, tested the hard way: concurrent clients work against a real server, it is
/// killed with SIGKILL mid-stream, and a new server on the same data directory must hold every
/// acknowledged message exactly as sent, none of the acknowledged deletes, and must keep leases.
/// </summary>
public sealed class CrashDurabilityTests
{
    private static AmazonSQSClient Client(ServerProcess server) => new(
        new BasicAWSCredentials("crash", "test"),
        new AmazonSQSConfig { ServiceURL = server.Endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task KillDashNine_MidStream_EveryAcknowledgedOperationSurvives()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("conflux-crash-").FullName;
        try
        {
            var acknowledged = new ConcurrentDictionary<string, (string Body, string Attribute)>();
            var deleted = new ConcurrentDictionary<string, bool>();
            // A delete cut off by the kill may or may not have committed; either outcome is correct.
            var deleting = new ConcurrentDictionary<string, bool>();
            string leasedId;
            await using (var server = await ServerProcess.StartAsync(dataDirectory))
            {
                using var sqs = Client(server);
                var queueUrl = (await sqs.CreateQueueAsync("crash")).QueueUrl;
                var fifoUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest("crash.fifo") { Attributes = new() { ["FifoQueue"] = "true" } })).QueueUrl;
                var leaseUrl = (await sqs.CreateQueueAsync("crash-lease")).QueueUrl;
                await sqs.SendMessageAsync(leaseUrl, "leased");

                using var stop = new CancellationTokenSource();
                var senders = Enumerable.Range(0, 16).Select(sender => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var body = $"sender-{sender}-{i}-{new string((char)('a' + (i % 26)), 200 + (i % 700))}";
                        var attribute = $"{sender}:{i}";
                        var request = new SendMessageRequest(sender % 4 == 0 ? fifoUrl : queueUrl, body)
                        {
                            MessageAttributes = new() { ["origin"] = new() { DataType = "String", StringValue = attribute } },
                        };
                        if (sender % 4 == 0)
                        {
                            request.MessageGroupId = $"g{sender}";
                            request.MessageDeduplicationId = $"{sender}-{i}";
                        }
                        try
                        {
                            var sent = await sqs.SendMessageAsync(request);
                            acknowledged[sent.MessageId] = (body, attribute);
                        }
                        catch (Exception error) when (error is AmazonServiceException or HttpRequestException or OperationCanceledException)
                        {
                            return;
                        }
                    }
                })).ToList();
                // Deletes as it goes; leases are short so whatever it holds at the crash is visible again soon after.
                var deleter = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { MaxNumberOfMessages = 10, VisibilityTimeout = 2 });
                            foreach (var message in batch.Messages ?? [])
                            {
                                deleting[message.MessageId] = true;
                                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
                                deleted[message.MessageId] = true;
                                deleting.TryRemove(message.MessageId, out _);
                            }
                        }
                        catch (Exception error) when (error is AmazonServiceException or HttpRequestException or OperationCanceledException)
                        {
                            return;
                        }
                    }
                });

                Assert.True(await Eventually.TrueAsync(() => acknowledged.Count >= 3_000, TimeSpan.FromSeconds(60)), "senders made too little progress");
                // A lease taken just before the crash must outlive it.
                leasedId = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(leaseUrl) { VisibilityTimeout = 10 })).Messages!.Single().MessageId;
                server.Kill();
                await stop.CancelAsync();
                await Task.WhenAll([.. senders, deleter]);
            }

            Assert.False(deleted.IsEmpty, "the deleter never deleted anything");
            await using var restarted = await ServerProcess.StartAsync(dataDirectory);
            using var client = Client(restarted);
            var queue = (await client.GetQueueUrlAsync("crash")).QueueUrl;
            var fifo = (await client.GetQueueUrlAsync("crash.fifo")).QueueUrl;
            var lease = (await client.GetQueueUrlAsync("crash-lease")).QueueUrl;

            Assert.Null((await client.ReceiveMessageAsync(lease)).Messages);

            var expected = acknowledged.Keys.Where(id => !deleted.ContainsKey(id) && !deleting.ContainsKey(id)).ToHashSet();
            Assert.True(deleting.Count <= 1, "the deleter deletes one message at a time");
            var survivors = new Dictionary<string, Message>();
            async Task DrainAsync(string url, int wait)
            {
                while (true)
                {
                    var batch = await client.ReceiveMessageAsync(new ReceiveMessageRequest(url)
                    {
                        MaxNumberOfMessages = 10,
                        VisibilityTimeout = 600,
                        WaitTimeSeconds = wait,
                        MessageAttributeNames = ["All"],
                    });
                    if (batch.Messages is not { Count: > 0 } messages) return;
                    foreach (var message in messages)
                    {
                        Assert.True(survivors.TryAdd(message.MessageId, message), $"message {message.MessageId} delivered twice");
                        // FIFO groups stay locked while their messages are leased, so settle them to see the rest.
                        if (url == fifo) await client.DeleteMessageAsync(url, message.ReceiptHandle);
                    }
                }
            }
            // Messages the deleter held when the server died come back when their 2 s leases end.
            await Eventually.TrueAsync(async () =>
            {
                await DrainAsync(queue, wait: 1);
                await DrainAsync(fifo, wait: 0);
                return expected.All(survivors.ContainsKey);
            }, TimeSpan.FromSeconds(20));

            var lost = expected.Where(id => !survivors.ContainsKey(id)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged messages were lost after kill -9");
            foreach (var (id, message) in survivors)
            {
                if (!acknowledged.TryGetValue(id, out var sent)) continue;
                Assert.Equal(sent.Body, message.Body);
                Assert.Equal(sent.Attribute, message.MessageAttributes["origin"].StringValue);
            }
            var resurrected = deleted.Keys.Where(survivors.ContainsKey).ToList();
            Assert.True(resurrected.Count == 0, $"{resurrected.Count} acknowledged deletes were undone by the crash");

            var returned = await client.ReceiveMessageAsync(new ReceiveMessageRequest(lease) { WaitTimeSeconds = 20, MessageSystemAttributeNames = ["ApproximateReceiveCount"] });
            var back = Assert.Single(returned.Messages!);
            Assert.Equal(leasedId, back.MessageId);
            Assert.Equal("2", back.Attributes["ApproximateReceiveCount"]);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
