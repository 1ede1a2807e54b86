using Amazon.SQS;
using Amazon.SQS.Model;

namespace Conflux.Aws.Sqs.Tests;

/// <summary>Queue management through AWSSDK.SQS against a real server.</summary>
[Collection(ServerCollection.Name)]
public sealed class SdkQueueTests(ServerFixture fixture)
{
    private AmazonSQSClient Sqs => fixture.Client;

    [Fact]
    public async Task CreateQueue_New_ReturnsUrlWithAccountAndName()
    {
        var name = ServerFixture.Unique();
        var created = await Sqs.CreateQueueAsync(name);
        Assert.Equal($"{fixture.Server.Endpoint}/000000000000/{name}", created.QueueUrl);
        Assert.Equal(created.QueueUrl, (await Sqs.GetQueueUrlAsync(name)).QueueUrl);
    }

    [Fact]
    public async Task CreateQueue_DefaultAttributes_MatchSqsDefaults()
    {
        var url = (await Sqs.CreateQueueAsync(ServerFixture.Unique())).QueueUrl;
        var attributes = (await Sqs.GetQueueAttributesAsync(url, ["All"])).Attributes;
        Assert.Equal("30", attributes["VisibilityTimeout"]);
        Assert.Equal("345600", attributes["MessageRetentionPeriod"]);
        Assert.Equal("1048576", attributes["MaximumMessageSize"]);
        Assert.Equal("0", attributes["DelaySeconds"]);
        Assert.Equal("0", attributes["ReceiveMessageWaitTimeSeconds"]);
        Assert.Equal("true", attributes["SqsManagedSseEnabled"]);
        Assert.Equal("0", attributes["ApproximateNumberOfMessages"]);
        Assert.StartsWith("arn:aws:sqs:us-east-1:000000000000:", attributes["QueueArn"]);
        Assert.False(attributes.ContainsKey("FifoQueue"));
    }

    [Fact]
    public async Task CreateQueue_Fifo_HasFifoAttributes()
    {
        var name = ServerFixture.Unique() + ".fifo";
        var url = (await Sqs.CreateQueueAsync(new CreateQueueRequest(name) { Attributes = new() { ["FifoQueue"] = "true" } })).QueueUrl;
        var attributes = (await Sqs.GetQueueAttributesAsync(url, ["All"])).Attributes;
        Assert.Equal("true", attributes["FifoQueue"]);
        Assert.Equal("false", attributes["ContentBasedDeduplication"]);
        Assert.Equal("queue", attributes["DeduplicationScope"]);
        Assert.Equal("perQueue", attributes["FifoThroughputLimit"]);
    }

    [Fact]
    public async Task CreateQueue_SameAttributes_IsIdempotent_DifferentAttributes_QueueAlreadyExists()
    {
        var name = ServerFixture.Unique();
        var request = new CreateQueueRequest(name) { Attributes = new() { ["VisibilityTimeout"] = "69" } };
        var url = (await Sqs.CreateQueueAsync(request)).QueueUrl;
        Assert.Equal(url, (await Sqs.CreateQueueAsync(request)).QueueUrl);
        Assert.Equal(url, (await Sqs.CreateQueueAsync(name)).QueueUrl);

        var error = await Assert.ThrowsAsync<QueueNameExistsException>(() =>
            Sqs.CreateQueueAsync(new CreateQueueRequest(name) { Attributes = new() { ["VisibilityTimeout"] = "70" } }));
        Assert.Equal("QueueAlreadyExists", error.ErrorCode);
        Assert.Contains("VisibilityTimeout", error.Message);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("dot.in.name")]
    [InlineData("")]
    public async Task CreateQueue_InvalidName_InvalidParameterValue(string name)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.CreateQueueAsync(name));
        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }

    [Theory]
    [InlineData("VisibilityTimeout", "43201")]
    [InlineData("DelaySeconds", "901")]
    [InlineData("MessageRetentionPeriod", "59")]
    [InlineData("MaximumMessageSize", "1023")]
    [InlineData("ReceiveMessageWaitTimeSeconds", "21")]
    [InlineData("VisibilityTimeout", "abc")]
    public async Task CreateQueue_AttributeOutOfRange_InvalidAttributeValue(string attribute, string value)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() =>
            Sqs.CreateQueueAsync(new CreateQueueRequest(ServerFixture.Unique()) { Attributes = new() { [attribute] = value } }));
        Assert.Equal("InvalidAttributeValue", error.ErrorCode);
        Assert.Equal($"Invalid value for the parameter {attribute}.", error.Message);
    }

    [Fact]
    public async Task CreateQueue_UnknownOrFifoOnlyAttributeOnStandard_InvalidAttributeName()
    {
        var unknown = await Assert.ThrowsAsync<InvalidAttributeNameException>(() =>
            Sqs.CreateQueueAsync(new CreateQueueRequest(ServerFixture.Unique()) { Attributes = new() { ["Colour"] = "blue" } }));
        Assert.Equal("Unknown Attribute Colour.", unknown.Message);
        var fifoOnly = await Assert.ThrowsAsync<InvalidAttributeNameException>(() =>
            Sqs.CreateQueueAsync(new CreateQueueRequest(ServerFixture.Unique()) { Attributes = new() { ["ContentBasedDeduplication"] = "true" } }));
        Assert.Equal("Unknown Attribute ContentBasedDeduplication.", fifoOnly.Message);
    }

    [Fact]
    public async Task DeleteQueue_ThenUse_QueueDoesNotExist_AndRecreateWithin60sRefused()
    {
        var name = ServerFixture.Unique();
        var url = (await Sqs.CreateQueueAsync(name)).QueueUrl;
        await Sqs.DeleteQueueAsync(url);

        var missing = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => Sqs.SendMessageAsync(url, "x"));
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", missing.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, missing.StatusCode);
        var recent = await Assert.ThrowsAsync<QueueDeletedRecentlyException>(() => Sqs.CreateQueueAsync(name));
        Assert.Equal("AWS.SimpleQueueService.QueueDeletedRecently", recent.ErrorCode);
    }

    [Fact]
    public async Task GetQueueUrl_Missing_QueueDoesNotExist()
    {
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => Sqs.GetQueueUrlAsync(ServerFixture.Unique("missing")));
        var otherAccount = await Assert.ThrowsAsync<QueueDoesNotExistException>(() =>
            Sqs.GetQueueUrlAsync(new GetQueueUrlRequest(ServerFixture.Unique()) { QueueOwnerAWSAccountId = "123456789012" }));
        Assert.NotNull(otherAccount);
    }

    [Fact]
    public async Task ListQueues_PrefixAndPaging_ReturnsEveryQueueOnce()
    {
        var prefix = ServerFixture.Unique("list");
        var names = Enumerable.Range(0, 7).Select(i => $"{prefix}-{i}").ToList();
        foreach (var name in names) await Sqs.CreateQueueAsync(name);

        var all = await Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix });
        Assert.Equal(7, all.QueueUrls.Count);
        Assert.Null(all.NextToken);

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix, MaxResults = 3, NextToken = token });
            Assert.True(page.QueueUrls.Count <= 3);
            seen.AddRange(page.QueueUrls);
            token = page.NextToken;
        }
        while (token is not null);
        Assert.Equal(names.Select(n => $"{fixture.Server.Endpoint}/000000000000/{n}"), seen);
    }

    [Fact]
    public async Task SetQueueAttributes_Changes_AreReturnedAndApplied()
    {
        var url = (await Sqs.CreateQueueAsync(ServerFixture.Unique())).QueueUrl;
        await Sqs.SetQueueAttributesAsync(url, new() { ["VisibilityTimeout"] = "45", ["DelaySeconds"] = "2", ["MaximumMessageSize"] = "2048" });
        var attributes = (await Sqs.GetQueueAttributesAsync(url, ["VisibilityTimeout", "DelaySeconds", "MaximumMessageSize"])).Attributes;
        Assert.Equal(new Dictionary<string, string> { ["VisibilityTimeout"] = "45", ["DelaySeconds"] = "2", ["MaximumMessageSize"] = "2048" }, attributes);

        var tooLong = await Assert.ThrowsAsync<AmazonSQSException>(() => Sqs.SendMessageAsync(url, new string('x', 2049)));
        Assert.Equal("InvalidParameterValue", tooLong.ErrorCode);
        Assert.Equal("One or more parameters are invalid. Reason: Message must be shorter than 2048 bytes.", tooLong.Message);
    }

    [Fact]
    public async Task SetQueueAttributes_FifoQueueOnExistingQueue_Refused()
    {
        var standard = (await Sqs.CreateQueueAsync(ServerFixture.Unique())).QueueUrl;
        var error = await Assert.ThrowsAsync<InvalidAttributeNameException>(() => Sqs.SetQueueAttributesAsync(standard, new() { ["FifoQueue"] = "true" }));
        Assert.Equal("Unknown Attribute FifoQueue.", error.Message);

        var fifo = (await Sqs.CreateQueueAsync(new CreateQueueRequest(ServerFixture.Unique() + ".fifo") { Attributes = new() { ["FifoQueue"] = "true" } })).QueueUrl;
        var change = await Assert.ThrowsAsync<InvalidAttributeValueException>(() => Sqs.SetQueueAttributesAsync(fifo, new() { ["FifoQueue"] = "false" }));
        Assert.Equal("Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.", change.Message);
    }

    [Fact]
    public async Task GetQueueAttributes_UnknownName_InvalidAttributeName()
    {
        var url = (await Sqs.CreateQueueAsync(ServerFixture.Unique())).QueueUrl;
        var error = await Assert.ThrowsAsync<InvalidAttributeNameException>(() => Sqs.GetQueueAttributesAsync(url, ["Nope"]));
        Assert.Equal("Unknown Attribute Nope.", error.Message);
    }

    [Fact]
    public async Task Tags_TagUntagList_RoundTrip()
    {
        var url = (await Sqs.CreateQueueAsync(new CreateQueueRequest(ServerFixture.Unique()) { Tags = new() { ["team"] = "a" } })).QueueUrl;
        await Sqs.TagQueueAsync(new TagQueueRequest { QueueUrl = url, Tags = new() { ["env"] = "test", ["empty"] = "" } });
        Assert.Equal(new Dictionary<string, string> { ["empty"] = "", ["env"] = "test", ["team"] = "a" }, (await Sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url })).Tags);

        await Sqs.UntagQueueAsync(new UntagQueueRequest { QueueUrl = url, TagKeys = ["team", "empty"] });
        Assert.Equal(new Dictionary<string, string> { ["env"] = "test" }, (await Sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url })).Tags);
    }

    [Fact]
    public async Task Permissions_AddAndRemove_EditQueuePolicy()
    {
        var url = (await Sqs.CreateQueueAsync(ServerFixture.Unique())).QueueUrl;
        await Sqs.AddPermissionAsync(new AddPermissionRequest { QueueUrl = url, Label = "send", AWSAccountIds = ["111122223333"], Actions = ["SendMessage"] });
        var policy = (await Sqs.GetQueueAttributesAsync(url, ["Policy"])).Attributes["Policy"];
        Assert.Contains("\"Sid\":\"send\"", policy);
        Assert.Contains("arn:aws:iam::111122223333:root", policy);
        Assert.Contains("SQS:SendMessage", policy);

        var duplicate = await Assert.ThrowsAsync<AmazonSQSException>(() =>
            Sqs.AddPermissionAsync(new AddPermissionRequest { QueueUrl = url, Label = "send", AWSAccountIds = ["111122223333"], Actions = ["ReceiveMessage"] }));
        Assert.Equal("Value send for parameter Label is invalid. Reason: Already exists.", duplicate.Message);

        await Sqs.RemovePermissionAsync(url, "send");
        Assert.False((await Sqs.GetQueueAttributesAsync(url, ["All"])).Attributes.ContainsKey("Policy"));
        var missing = await Assert.ThrowsAsync<AmazonSQSException>(() => Sqs.RemovePermissionAsync(url, "send"));
        Assert.Equal("Value send for parameter Label is invalid. Reason: can't find label.", missing.Message);
    }

    [Fact]
    public async Task ListDeadLetterSourceQueues_ReturnsQueuesRedrivingToIt()
    {
        var dlq = (await Sqs.CreateQueueAsync(ServerFixture.Unique("dlq"))).QueueUrl;
        var dlqArn = (await Sqs.GetQueueAttributesAsync(dlq, ["QueueArn"])).Attributes["QueueArn"];
        var source = (await Sqs.CreateQueueAsync(new CreateQueueRequest(ServerFixture.Unique("src"))
        {
            Attributes = new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":\"3\"}}" },
        })).QueueUrl;

        Assert.Equal([source], (await Sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = dlq })).QueueUrls);
        var redrive = (await Sqs.GetQueueAttributesAsync(source, ["RedrivePolicy"])).Attributes["RedrivePolicy"];
        Assert.Equal($"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":3}}", redrive);
    }

    [Fact]
    public async Task RedrivePolicy_MissingTarget_InvalidParameterValue()
    {
        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => Sqs.CreateQueueAsync(new CreateQueueRequest(ServerFixture.Unique())
        {
            Attributes = new() { ["RedrivePolicy"] = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:nope\",\"maxReceiveCount\":3}" },
        }));
        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }
}
