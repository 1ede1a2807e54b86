using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Conflux.Testing;

namespace Conflux.Server.Tests;

/// <summary>
/// Many connections at once must never see each other's bytes: each request's body and attributes must
/// arrive intact (the SDK checks every reply's MD5s) and every message must come back exactly as sent.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ConcurrentBatches_DistinctBodies_ArriveIntactExactlyOnce()
    {
        await using var server = await ServerProcess.StartAsync();
        var config = new AmazonSQSConfig { ServiceURL = server.Endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        using var setup = new AmazonSQSClient(new BasicAWSCredentials("k", "s"), config);
        var url = (await setup.CreateQueueAsync("concurrency")).QueueUrl;
        var sent = new ConcurrentDictionary<string, string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 32), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (client, token) =>
        {
            // One client (and so one connection pool) per worker, like independent producers.
            using var sqs = new AmazonSQSClient(new BasicAWSCredentials("k", "s"), config);
            for (var batch = 0; batch < 40; batch++)
            {
                var entries = Enumerable.Range(0, 10).Select(i =>
                {
                    var body = $"{client}/{batch}/{i}/" + new string((char)('A' + ((client + batch + i) % 26)), 100 + ((client * 31 + batch * 7 + i) % 900));
                    return new SendMessageBatchRequestEntry($"e{i}", body)
                    {
                        MessageAttributes = new() { ["key"] = new() { DataType = "String", StringValue = body[..Math.Min(body.Length, 40)] } },
                    };
                }).ToList();
                var result = await sqs.SendMessageBatchAsync(url, entries, token);
                Assert.True(result.Failed is null || result.Failed.Count == 0, result.Failed?.FirstOrDefault()?.Message);
                foreach (var ok in result.Successful) sent[ok.MessageId] = entries.Single(e => e.Id == ok.Id).MessageBody;
            }
        });

        var received = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (_, token) =>
        {
            using var sqs = new AmazonSQSClient(new BasicAWSCredentials("k", "s"), config);
            while (true)
            {
                var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(url) { MaxNumberOfMessages = 10, MessageAttributeNames = ["All"], WaitTimeSeconds = 1 }, token);
                if (batch.Messages is not { Count: > 0 } messages) return;
                foreach (var message in messages)
                {
                    Assert.True(received.TryAdd(message.MessageId, message.Body), $"{message.MessageId} delivered twice");
                    Assert.Equal(message.Body[..Math.Min(message.Body.Length, 40)], message.MessageAttributes["key"].StringValue);
                }
                var deleted = await sqs.DeleteMessageBatchAsync(url, [.. messages.Select((m, i) => new DeleteMessageBatchRequestEntry($"d{i}", m.ReceiptHandle))], token);
                Assert.True(deleted.Failed is null || deleted.Failed.Count == 0, deleted.Failed?.FirstOrDefault()?.Message);
            }
        });

        Assert.Equal(12_800, sent.Count);
        Assert.Equal(sent.OrderBy(p => p.Key), received.OrderBy(p => p.Key));
    }
}
