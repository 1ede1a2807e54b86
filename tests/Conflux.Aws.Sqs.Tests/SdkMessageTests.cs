using Amazon.SQS;
using Amazon.SQS.Model;

namespace Conflux.Aws.Sqs.Tests;

/// <summary>
/// Message actions through AWSSDK.SQS. The SDK verifies MD5OfMessageBody and MD5OfMessageAttributes on
/// every send and receive, so these also prove the digests.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class SdkMessageTests(ServerFixture fixture)
{
    private AmazonSQSClient Sqs => fixture.Client;

    private async Task<string> QueueAsync(Dictionary<string, string>? attributes = null, bool fifo = false)
    {
        var name = ServerFixture.Unique() + (fifo ? ".fifo" : "");
        attributes ??= [];
        if (fifo) attributes["FifoQueue"] = "true";
        return (await Sqs.CreateQueueAsync(new CreateQueueRequest(name) { Attributes = attributes })).QueueUrl;
    }

    private Task<ReceiveMessageResponse> ReceiveAsync(string url, int max = 10, int? visibility = null, int wait = 0) =>
        Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(url)
        {
            MaxNumberOfMessages = max,
            VisibilityTimeout = visibility,
            WaitTimeSeconds = wait,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        });

    private static List<Message> Messages(ReceiveMessageResponse response) => response.Messages ?? [];

    [Fact]
    public async Task SendReceiveDelete_WithAllAttributeTypes_RoundTripsExactly()
    {
        var url = await QueueAsync();
        var body = "héllo & <world> \r\n ✓ 😀";
        var sent = await Sqs.SendMessageAsync(new SendMessageRequest(url, body)
        {
            MessageAttributes = new()
            {
                ["s"] = new() { DataType = "String", StringValue = "text" },
                ["n"] = new() { DataType = "Number.float", StringValue = "-1.5e3" },
                ["b"] = new() { DataType = "Binary.blob", BinaryValue = new MemoryStream([0, 1, 2, 255]) },
            },
            MessageSystemAttributes = new() { ["AWSTraceHeader"] = new() { DataType = "String", StringValue = "Root=1-5759e988-bd862e3fe1be46a994272793" } },
        });
        Assert.NotNull(sent.MD5OfMessageSystemAttributes);

        var message = Assert.Single(Messages(await ReceiveAsync(url)));
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(body, message.Body);
        Assert.Equal("text", message.MessageAttributes["s"].StringValue);
        Assert.Equal("Number.float", message.MessageAttributes["n"].DataType);
        Assert.Equal([0, 1, 2, 255], message.MessageAttributes["b"].BinaryValue.ToArray());
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793", message.Attributes["AWSTraceHeader"]);
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
        Assert.Equal("AKIDTEST", message.Attributes["SenderId"]);

        await Sqs.DeleteMessageAsync(url, message.ReceiptHandle);
        Assert.Empty(Messages(await ReceiveAsync(url)));
    }

    [Fact]
    public async Task SendMessage_KnownDigests_MatchRecordedAwsValues()
    {
        var url = await QueueAsync();
        var sent = await Sqs.SendMessageAsync(new SendMessageRequest(url, "message-1")
        {
            MessageAttributes = new() { ["MyAttribute"] = new() { DataType = "String", StringValue = "foobar" } },
        });
        // Values AWS returned for this exact message (LocalStack's recorded AWS snapshot).
        Assert.Equal("3d6b824fd8c1520e9a047d21fee6fb1f", sent.MD5OfMessageBody);
        Assert.Equal("adb59cd4678ea5a855436b949cd07ab6", sent.MD5OfMessageAttributes);
    }

    [Fact]
    public async Task SendMessage_Invalid_ReturnsSqsErrors()
    {
        var url = await QueueAsync();
        var empty = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.SendMessageAsync(url, ""));
        Assert.Equal("MissingParameter", empty.ErrorCode);
        Assert.Equal("The request must contain the parameter MessageBody.", empty.Message);

        var control = await Assert.ThrowsAsync<InvalidMessageContentsException>(() => Sqs.SendMessageAsync(url, "bad\u0001char"));
        Assert.Equal("InvalidMessageContents", control.ErrorCode);

        var huge = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.SendMessageAsync(url, new string('x', 1_048_577)));
        Assert.Equal("One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.", huge.Message);

        var emptyAttribute = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.SendMessageAsync(new SendMessageRequest(url, "x")
        {
            MessageAttributes = new() { ["ErrorDetails"] = new() { DataType = "String", StringValue = "" } },
        }));
        Assert.Equal("Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.", emptyAttribute.Message);

        var delay = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.SendMessageAsync(new SendMessageRequest(url, "x") { DelaySeconds = 901 }));
        Assert.Equal("InvalidParameterValue", delay.ErrorCode);
    }

    [Fact]
    public async Task Send_ExactlyMaximumSize_Accepted()
    {
        var url = await QueueAsync();
        await Sqs.SendMessageAsync(url, new string('x', 1_048_576));
        Assert.Equal(1_048_576, Assert.Single(Messages(await ReceiveAsync(url))).Body.Length);
    }

    [Fact]
    public async Task Receive_VisibilityTimeout_HidesUntilItExpires()
    {
        var url = await QueueAsync();
        await Sqs.SendMessageAsync(url, "m");
        Assert.Single(Messages(await ReceiveAsync(url, visibility: 1)));
        Assert.Empty(Messages(await ReceiveAsync(url)));

        var again = Assert.Single(Messages(await ReceiveAsync(url, wait: 5)));
        Assert.Equal("2", again.Attributes["ApproximateReceiveCount"]);
    }

    [Fact]
    public async Task Receive_LongPoll_ReturnsWhenMessageArrives()
    {
        var url = await QueueAsync();
        var started = DateTime.UtcNow;
        var receive = ReceiveAsync(url, wait: 20);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await Sqs.SendMessageAsync(url, "late");
        var message = Assert.Single(Messages(await receive));
        Assert.Equal("late", message.Body);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Receive_InvalidParameters_InvalidParameterValue()
    {
        var url = await QueueAsync();
        var tooMany = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => ReceiveAsync(url, max: 11));
        Assert.Equal("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.", tooMany.Message);
        var wait = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => ReceiveAsync(url, wait: 21));
        Assert.Equal("Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.", wait.Message);
    }

    [Fact]
    public async Task DelaySeconds_QueueAndMessage_DelayDelivery()
    {
        var url = await QueueAsync(new() { ["DelaySeconds"] = "1" });
        await Sqs.SendMessageAsync(url, "delayed");
        await Sqs.SendMessageAsync(new SendMessageRequest(url, "now") { DelaySeconds = 0 });
        Assert.Equal(["now"], Messages(await ReceiveAsync(url)).Select(m => m.Body));
        Assert.Equal("1", (await Sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessagesDelayed"])).Attributes["ApproximateNumberOfMessagesDelayed"]);
        Assert.Equal(["delayed"], Messages(await ReceiveAsync(url, wait: 5)).Select(m => m.Body));
    }

    [Fact]
    public async Task ChangeMessageVisibility_ToZero_RedeliversAtOnce_DeletedMessage_Refused()
    {
        var url = await QueueAsync();
        await Sqs.SendMessageAsync(url, "m");
        var first = Assert.Single(Messages(await ReceiveAsync(url)));
        await Sqs.ChangeMessageVisibilityAsync(url, first.ReceiptHandle, 0);
        var second = Assert.Single(Messages(await ReceiveAsync(url)));
        await Sqs.DeleteMessageAsync(url, second.ReceiptHandle);

        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.ChangeMessageVisibilityAsync(url, second.ReceiptHandle, 10));
        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.EndsWith("Reason: Message does not exist or is not available for visibility timeout change.", error.Message);
    }

    [Fact]
    public async Task DeleteMessage_GarbageReceiptHandle_ReceiptHandleIsInvalid_AlreadyDeleted_Succeeds()
    {
        var url = await QueueAsync();
        var error = await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(() => Sqs.DeleteMessageAsync(url, "garbage"));
        Assert.Equal("The input receipt handle \"garbage\" is not a valid receipt handle.", error.Message);

        await Sqs.SendMessageAsync(url, "m");
        var message = Assert.Single(Messages(await ReceiveAsync(url)));
        await Sqs.DeleteMessageAsync(url, message.ReceiptHandle);
        await Sqs.DeleteMessageAsync(url, message.ReceiptHandle);

        var other = await QueueAsync();
        await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(() => Sqs.DeleteMessageAsync(other, message.ReceiptHandle));
    }

    [Fact]
    public async Task Batches_SendReceiveChangeDelete_ReportPerEntryResults()
    {
        var url = await QueueAsync();
        var sent = await Sqs.SendMessageBatchAsync(url, [.. Enumerable.Range(0, 10).Select(i => new SendMessageBatchRequestEntry($"e{i}", $"body-{i}"))]);
        Assert.Equal(10, sent.Successful.Count);
        Assert.True(sent.Failed is null || sent.Failed.Count == 0);

        var received = Messages(await ReceiveAsync(url, max: 10));
        Assert.Equal(10, received.Count);
        var changed = await Sqs.ChangeMessageVisibilityBatchAsync(url, [
            .. received.Take(5).Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry($"c{i}", m.ReceiptHandle) { VisibilityTimeout = 60 }),
            new ChangeMessageVisibilityBatchRequestEntry("bad", "garbage") { VisibilityTimeout = 60 },
        ]);
        Assert.Equal(5, changed.Successful.Count);
        Assert.Equal("ReceiptHandleIsInvalid", Assert.Single(changed.Failed).Code);

        var deleted = await Sqs.DeleteMessageBatchAsync(url, [.. received.Select((m, i) => new DeleteMessageBatchRequestEntry($"d{i}", m.ReceiptHandle))]);
        Assert.Equal(10, deleted.Successful.Count);
    }

    [Fact]
    public async Task SendMessageBatch_InvalidBatches_BatchErrors()
    {
        var url = await QueueAsync();
        await Assert.ThrowsAsync<TooManyEntriesInBatchRequestException>(() =>
            Sqs.SendMessageBatchAsync(url, [.. Enumerable.Range(0, 11).Select(i => new SendMessageBatchRequestEntry($"e{i}", "x"))]));
        await Assert.ThrowsAsync<BatchEntryIdsNotDistinctException>(() =>
            Sqs.SendMessageBatchAsync(url, [new("same", "a"), new("same", "b")]));
        await Assert.ThrowsAsync<InvalidBatchEntryIdException>(() =>
            Sqs.SendMessageBatchAsync(url, [new("bad:id", "a")]));
        await Assert.ThrowsAsync<EmptyBatchRequestException>(() =>
            Sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = url, Entries = [] }));
        var tooLong = await Assert.ThrowsAsync<BatchRequestTooLongException>(() =>
            Sqs.SendMessageBatchAsync(url, [new("a", new string('x', 600_000)), new("b", new string('y', 600_000))]));
        Assert.Equal("Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.", tooLong.Message);
    }

    [Fact]
    public async Task SendMessageBatch_OneEntryTooLarge_OnlyThatEntryFails()
    {
        var url = await QueueAsync(new() { ["MaximumMessageSize"] = "1024" });
        var result = await Sqs.SendMessageBatchAsync(url, [new("ok", "small"), new("big", new string('x', 1025))]);
        Assert.Equal("ok", Assert.Single(result.Successful).Id);
        var failed = Assert.Single(result.Failed);
        Assert.Equal("big", failed.Id);
        Assert.Equal("InvalidParameterValue", failed.Code);
        Assert.True(failed.SenderFault);
        Assert.Equal("One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.", failed.Message);
    }

    [Fact]
    public async Task PurgeQueue_RemovesMessages_SecondPurgeWithin60sRefused()
    {
        var url = await QueueAsync();
        await Sqs.SendMessageAsync(url, "a");
        await Sqs.SendMessageAsync(url, "b");
        await Sqs.PurgeQueueAsync(url);
        Assert.Empty(Messages(await ReceiveAsync(url)));
        var error = await Assert.ThrowsAsync<PurgeQueueInProgressException>(() => Sqs.PurgeQueueAsync(url));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task Fifo_OrderPerGroup_DeduplicationAndSequenceNumbers()
    {
        var url = await QueueAsync(new() { ["ContentBasedDeduplication"] = "true" }, fifo: true);
        var first = await Sqs.SendMessageAsync(new SendMessageRequest(url, "a1") { MessageGroupId = "a" });
        var duplicate = await Sqs.SendMessageAsync(new SendMessageRequest(url, "a1") { MessageGroupId = "a" });
        var second = await Sqs.SendMessageAsync(new SendMessageRequest(url, "a2") { MessageGroupId = "a" });
        Assert.Equal(first.MessageId, duplicate.MessageId);
        Assert.True(string.CompareOrdinal(first.SequenceNumber, second.SequenceNumber) < 0);

        var messages = Messages(await ReceiveAsync(url, max: 10));
        Assert.Equal(["a1", "a2"], messages.Select(m => m.Body));
        Assert.Equal("a", messages[0].Attributes["MessageGroupId"]);
        Assert.Equal(first.SequenceNumber, messages[0].Attributes["SequenceNumber"]);
        Assert.Empty(Messages(await ReceiveAsync(url)));
    }

    [Fact]
    public async Task Fifo_MissingGroupOrDeduplication_Refused_PerMessageDelayRefused()
    {
        var url = await QueueAsync(fifo: true);
        var group = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.SendMessageAsync(url, "x"));
        Assert.Equal("MissingParameter", group.ErrorCode);
        var dedup = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.SendMessageAsync(new SendMessageRequest(url, "x") { MessageGroupId = "g" }));
        Assert.Equal("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly", dedup.Message);
        var delay = await Assert.ThrowsAnyAsync<AmazonSQSException>(() =>
            Sqs.SendMessageAsync(new SendMessageRequest(url, "x") { MessageGroupId = "g", MessageDeduplicationId = "d", DelaySeconds = 2 }));
        Assert.Equal("Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.", delay.Message);
    }

    [Fact]
    public async Task Fifo_DeleteAfterLeaseExpired_ReceiptHandleExpired()
    {
        var url = await QueueAsync(new() { ["ContentBasedDeduplication"] = "true", ["VisibilityTimeout"] = "1" }, fifo: true);
        await Sqs.SendMessageAsync(new SendMessageRequest(url, "m") { MessageGroupId = "g" });
        var message = Assert.Single(Messages(await ReceiveAsync(url)));
        Assert.Single(Messages(await ReceiveAsync(url, wait: 5)));

        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.DeleteMessageAsync(url, message.ReceiptHandle));
        Assert.Equal($"Value {message.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.", error.Message);
    }

    [Fact]
    public async Task DeadLetterQueue_AfterMaxReceives_MessageMovesWithSourceArn()
    {
        var dlq = await QueueAsync();
        var dlqArn = (await Sqs.GetQueueAttributesAsync(dlq, ["QueueArn"])).Attributes["QueueArn"];
        var source = await QueueAsync(new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":1}}" });
        var sourceArn = (await Sqs.GetQueueAttributesAsync(source, ["QueueArn"])).Attributes["QueueArn"];
        await Sqs.SendMessageAsync(source, "poison");

        Assert.Single(Messages(await ReceiveAsync(source, visibility: 0)));
        Assert.Empty(Messages(await ReceiveAsync(source)));

        var dead = Assert.Single(Messages(await ReceiveAsync(dlq, wait: 5)));
        Assert.Equal("poison", dead.Body);
        Assert.Equal(sourceArn, dead.Attributes["DeadLetterQueueSourceArn"]);
        Assert.Equal("2", dead.Attributes["ApproximateReceiveCount"]);
    }

    [Fact]
    public async Task MoveTask_RedrivesDeadLettersBackToSource()
    {
        var dlq = await QueueAsync();
        var dlqArn = (await Sqs.GetQueueAttributesAsync(dlq, ["QueueArn"])).Attributes["QueueArn"];
        var source = await QueueAsync(new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":1}}" });
        await Sqs.SendMessageBatchAsync(source, [new("a", "1"), new("b", "2")]);
        await ReceiveAsync(source, visibility: 0);
        await ReceiveAsync(source);
        Assert.True(await Conflux.Testing.Eventually.TrueAsync(async () =>
            (await Sqs.GetQueueAttributesAsync(dlq, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"] == "2", TimeSpan.FromSeconds(10)));

        var task = await Sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = dlqArn });
        Assert.False(string.IsNullOrEmpty(task.TaskHandle));
        Assert.True(await Conflux.Testing.Eventually.TrueAsync(async () =>
        {
            var results = (await Sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = dlqArn })).Results;
            return results is [{ Status: "COMPLETED", ApproximateNumberOfMessagesMoved: 2 }];
        }, TimeSpan.FromSeconds(10)));
        Assert.Equal(2, Messages(await ReceiveAsync(source, wait: 2)).Count);

        var notDlq = await Assert.ThrowsAnyAsync<AmazonSQSException>(() =>
            Sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = dlqArn.Replace(dlqArn.Split(':')[^1], source.Split('/')[^1]) }));
        Assert.Equal("Source queue must be configured as a Dead Letter Queue.", notDlq.Message);
        var cancel = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = "not-a-handle" }));
        Assert.Equal("Value for parameter TaskHandle is invalid.", cancel.Message);
    }

    [Fact]
    public async Task Receive_MessageAttributeNameFilters_SelectAttributesAndDigest()
    {
        var url = await QueueAsync();
        await Sqs.SendMessageAsync(new SendMessageRequest(url, "msg")
        {
            MessageAttributes = new()
            {
                ["General"] = new() { DataType = "String", StringValue = "Kenobi" },
                ["Hello"] = new() { DataType = "String", StringValue = "There" },
                ["Help.Me"] = new() { DataType = "String", StringValue = "Me" },
            },
        });
        var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(url) { MessageAttributeNames = ["Hel.*"], VisibilityTimeout = 0 });
        var message = Assert.Single(Messages(response));
        Assert.Equal(["Hello", "Help.Me"], message.MessageAttributes.Keys.Order());
        // AWS's recorded digest for exactly these two attributes.
        Assert.Equal("83fee93c1bcd8b9a5a923ffacdc636c7", message.MD5OfMessageAttributes);
    }

    [Fact]
    public async Task Stats_ApproximateCounts_TrackVisibleInFlightAndDelayed()
    {
        var url = await QueueAsync();
        await Sqs.SendMessageBatchAsync(url, [new("a", "1"), new("b", "2"), new("c", "3") { DelaySeconds = 60 }]);
        await ReceiveAsync(url, max: 1);
        var attributes = (await Sqs.GetQueueAttributesAsync(url, ["All"])).Attributes;
        Assert.Equal("1", attributes["ApproximateNumberOfMessages"]);
        Assert.Equal("1", attributes["ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal("1", attributes["ApproximateNumberOfMessagesDelayed"]);
    }
}
