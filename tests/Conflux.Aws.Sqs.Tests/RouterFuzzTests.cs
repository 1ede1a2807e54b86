using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Security;
using Conflux.Storage.Memory;
using Conflux.Testing;
using Microsoft.AspNetCore.Http;

namespace Conflux.Aws.Sqs.Tests;

/// <summary>
/// Fuzzes the whole request path in process (router, both protocol parsers, every SQS action) with
/// mutated requests: every answer must be a well-formed 2xx/4xx, never a 5xx or an escaped exception,
/// and the queues must still work afterwards.
/// </summary>
public sealed class RouterFuzzTests : IAsyncLifetime
{
    private const string Base = "http://localhost:4566/000000000000/";
    private readonly RecordingLogger<AwsRouter> _log = new();
    private MessagingEngine _engine = null!;
    private AwsRouter _router = null!;
    private readonly List<(string Target, string Body)> _jsonSeeds = [];
    private readonly List<string> _querySeeds = [];

    public async Task InitializeAsync()
    {
        _engine = await MessagingEngine.StartAsync(new MemoryMessageStore());
        var account = new AwsAccount("000000000000", "us-east-1");
        var sqs = await SqsApi.CreateAsync(_engine, account, new AllowAllAuthorizer());
        _router = new AwsRouter([sqs], account, new AcceptAnyCredentials(), _log);

        await Json("CreateQueue", """{"QueueName":"fuzz"}""");
        await Json("CreateQueue", """{"QueueName":"dlq"}""");
        await Json("CreateQueue", """{"QueueName":"fuzz.fifo","Attributes":{"FifoQueue":"true","ContentBasedDeduplication":"true"}}""");
        await Json("SendMessage", $$"""{"QueueUrl":"{{Base}}fuzz","MessageBody":"seed"}""");
        var received = await Json("ReceiveMessage", $$"""{"QueueUrl":"{{Base}}fuzz","VisibilityTimeout":0}""");
        var handle = JsonNode.Parse(received.Body)!["Messages"]![0]!["ReceiptHandle"]!.GetValue<string>();

        _jsonSeeds.AddRange([
            ("SendMessage", $$$$"""{"QueueUrl":"{{{{Base}}}}fuzz","MessageBody":"hello","DelaySeconds":0,"MessageAttributes":{"a":{"DataType":"String","StringValue":"x"},"b":{"DataType":"Binary","BinaryValue":"AAEC"},"n":{"DataType":"Number","StringValue":"1.5"}},"MessageSystemAttributes":{"AWSTraceHeader":{"DataType":"String","StringValue":"Root=1-a"}}}"""),
            ("SendMessage", $$"""{"QueueUrl":"{{Base}}fuzz.fifo","MessageBody":"f","MessageGroupId":"g","MessageDeduplicationId":"d"}"""),
            ("SendMessageBatch", $$"""{"QueueUrl":"{{Base}}fuzz","Entries":[{"Id":"a","MessageBody":"1"},{"Id":"b","MessageBody":"2","DelaySeconds":1}]}"""),
            ("ReceiveMessage", $$"""{"QueueUrl":"{{Base}}fuzz","MaxNumberOfMessages":10,"VisibilityTimeout":0,"WaitTimeSeconds":0,"MessageSystemAttributeNames":["All"],"MessageAttributeNames":["All"]}"""),
            ("DeleteMessage", $$"""{"QueueUrl":"{{Base}}fuzz","ReceiptHandle":"{{handle}}"}"""),
            ("DeleteMessageBatch", $$"""{"QueueUrl":"{{Base}}fuzz","Entries":[{"Id":"a","ReceiptHandle":"{{handle}}"}]}"""),
            ("ChangeMessageVisibility", $$"""{"QueueUrl":"{{Base}}fuzz","ReceiptHandle":"{{handle}}","VisibilityTimeout":0}"""),
            ("ChangeMessageVisibilityBatch", $$"""{"QueueUrl":"{{Base}}fuzz","Entries":[{"Id":"a","ReceiptHandle":"{{handle}}","VisibilityTimeout":0}]}"""),
            ("CreateQueue", """{"QueueName":"fuzz-new","Attributes":{"VisibilityTimeout":"30","RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:dlq\",\"maxReceiveCount\":3}"},"tags":{"k":"v"}}"""),
            ("SetQueueAttributes", $$$"""{"QueueUrl":"{{{Base}}}fuzz","Attributes":{"DelaySeconds":"0","Policy":"{\"Version\":\"2012-10-17\"}","RedriveAllowPolicy":"{\"redrivePermission\":\"allowAll\"}"}}"""),
            ("GetQueueAttributes", $$"""{"QueueUrl":"{{Base}}fuzz","AttributeNames":["All"]}"""),
            ("GetQueueUrl", """{"QueueName":"fuzz","QueueOwnerAWSAccountId":"000000000000"}"""),
            ("ListQueues", """{"QueueNamePrefix":"f","MaxResults":2,"NextToken":"ZnV6eg=="}"""),
            ("TagQueue", $$$"""{"QueueUrl":"{{{Base}}}fuzz","Tags":{"a":"b"}}"""),
            ("UntagQueue", $$"""{"QueueUrl":"{{Base}}fuzz","TagKeys":["a"]}"""),
            ("ListQueueTags", $$"""{"QueueUrl":"{{Base}}fuzz"}"""),
            ("AddPermission", $$"""{"QueueUrl":"{{Base}}fuzz","Label":"l","AWSAccountIds":["111122223333"],"Actions":["SendMessage"]}"""),
            ("RemovePermission", $$"""{"QueueUrl":"{{Base}}fuzz","Label":"l"}"""),
            ("ListDeadLetterSourceQueues", $$"""{"QueueUrl":"{{Base}}dlq","MaxResults":1}"""),
            ("StartMessageMoveTask", """{"SourceArn":"arn:aws:sqs:us-east-1:000000000000:dlq","MaxNumberOfMessagesPerSecond":1}"""),
            ("ListMessageMoveTasks", """{"SourceArn":"arn:aws:sqs:us-east-1:000000000000:dlq","MaxResults":10}"""),
            ("CancelMessageMoveTask", """{"TaskHandle":"eyJ0YXNrSWQiOiJ4Iiwic291cmNlIjoiZGxxIn0="}"""),
        ]);
        _querySeeds.AddRange([
            $"Action=SendMessage&QueueUrl={Uri.EscapeDataString(Base + "fuzz")}&MessageBody=q%26b&MessageAttribute.1.Name=a&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=x",
            $"Action=ReceiveMessage&QueueUrl={Uri.EscapeDataString(Base + "fuzz")}&AttributeName.1=All&MessageAttributeName.1=All&MaxNumberOfMessages=3&VisibilityTimeout=0",
            $"Action=SendMessageBatch&QueueUrl={Uri.EscapeDataString(Base + "fuzz")}&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=x",
            $"Action=DeleteMessageBatch&QueueUrl={Uri.EscapeDataString(Base + "fuzz")}&DeleteMessageBatchRequestEntry.1.Id=a&DeleteMessageBatchRequestEntry.1.ReceiptHandle={handle}",
            "Action=CreateQueue&QueueName=q-fuzz&Attribute.1.Name=DelaySeconds&Attribute.1.Value=1&Tag.1.Key=k&Tag.1.Value=v",
            $"Action=GetQueueAttributes&QueueUrl={Uri.EscapeDataString(Base + "fuzz")}&AttributeName.1=All",
            "Action=ListQueues&MaxResults=1",
        ]);
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    // CI runs a fixed corpus; CONFLUX_FUZZ_SEED / CONFLUX_FUZZ_ITERATIONS run longer, different campaigns.
    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("CONFLUX_FUZZ_ITERATIONS"), out var n) ? n : 6_000;

    private static int Seed(int fallback) => int.TryParse(Environment.GetEnvironmentVariable("CONFLUX_FUZZ_SEED"), out var seed) ? seed : fallback;

    [Fact]
    public async Task JsonRequests_Mutated_NeverFailWithServerError()
    {
        var random = new Random(Seed(20261125));
        for (var i = 0; i < Iterations; i++)
        {
            var (target, body) = _jsonSeeds[random.Next(_jsonSeeds.Count)];
            var mutated = random.Next(3) == 0 ? MutateBytes(random, Encoding.UTF8.GetBytes(body)) : Encoding.UTF8.GetBytes(MutateJson(random, body));
            var response = await SendAsync(random.Next(50) == 0 ? "AmazonSQS.Nope" : $"AmazonSQS.{target}", mutated);
            AssertWellFormed(response, target, Encoding.UTF8.GetString(mutated));
        }
        await AssertQueuesStillWorkAsync();
    }

    [Fact]
    public async Task QueryRequests_Mutated_NeverFailWithServerError()
    {
        var random = new Random(Seed(42));
        for (var i = 0; i < Iterations; i++)
        {
            var seed = _querySeeds[random.Next(_querySeeds.Count)];
            var request = MutateQuery(random, seed);
            var response = await SendAsync(null, request);
            AssertWellFormed(response, "query", Encoding.UTF8.GetString(request));
        }
        await AssertQueuesStillWorkAsync();
    }

    private async Task AssertQueuesStillWorkAsync()
    {
        await _engine.PurgeAsync("fuzz");
        await Json("SendMessage", $$"""{"QueueUrl":"{{Base}}fuzz","MessageBody":"after"}""");
        var received = await Json("ReceiveMessage", $$"""{"QueueUrl":"{{Base}}fuzz","MaxNumberOfMessages":10}""");
        Assert.Contains("after", received.Body);
    }

    private void AssertWellFormed((int Status, string Body, string ContentType) response, string target, string seed)
    {
        Assert.True(response.Status is 200 or (>= 400 and < 500), $"{target} answered {response.Status}: {response.Body}\nrequest: {seed}\n{_log.Last}");
        if (response.Status == 200) return;
        if (response.ContentType.Contains("json", StringComparison.Ordinal)) Assert.True(JsonNode.Parse(response.Body)?["__type"] is not null, response.Body);
        else Assert.Contains("<ErrorResponse", response.Body);
    }

    private async Task<(int Status, string Body)> Json(string action, string body)
    {
        var (status, text, _) = await SendAsync($"AmazonSQS.{action}", Encoding.UTF8.GetBytes(body));
        Assert.True(status == 200, $"{action}: {status} {text}");
        return (status, text);
    }

    private async Task<(int Status, string Body, string ContentType)> SendAsync(string? target, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:4566");
        context.Request.Path = "/";
        if (target is not null)
        {
            context.Request.Headers["X-Amz-Target"] = target;
            context.Request.ContentType = "application/x-amz-json-1.0";
        }
        else
        {
            context.Request.ContentType = "application/x-www-form-urlencoded";
        }
        context.Request.Body = new MemoryStream(body);
        var output = new MemoryStream();
        context.Response.Body = output;
        await _router.HandleAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(output.ToArray()), context.Response.ContentType ?? "");
    }

    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        var list = bytes.ToList();
        for (var m = random.Next(1, 5); m > 0 && list.Count > 0; m--)
        {
            switch (random.Next(5))
            {
                case 4:
                    // Escapes spelling lone surrogates: valid JSON syntax, invalid Unicode.
                    list.InsertRange(random.Next(list.Count), Encoding.ASCII.GetBytes(random.Next(2) == 0 ? "\\ud800" : "\\udfff"));
                    break;
                case 0: list[random.Next(list.Count)] = (byte)random.Next(256); break;
                case 1: list.RemoveRange(random.Next(list.Count), 1); break;
                case 2: list.Insert(random.Next(list.Count), (byte)random.Next(256)); break;
                default: var cut = random.Next(list.Count); list.RemoveRange(cut, list.Count - cut); break;
            }
        }
        return [.. list];
    }

    private static readonly JsonNode?[] Replacements =
    [
        null, JsonValue.Create(""), JsonValue.Create(-1), JsonValue.Create(int.MaxValue), JsonValue.Create(long.MinValue),
        JsonValue.Create(1e300), JsonValue.Create(true), JsonValue.Create("\u0000\ud800x"), JsonValue.Create(new string('z', 300)),
        JsonValue.Create("arn:aws:sqs:us-east-1:000000000000:fuzz"), JsonValue.Create("http://localhost:4566/000000000000/dlq"),
        new JsonArray(), new JsonObject(), new JsonArray(JsonValue.Create(1)), JsonValue.Create("All"), JsonValue.Create("not json"),
        JsonValue.Create("{\"deadLetterTargetArn\":\"x\",\"maxReceiveCount\":\"0\"}"),
    ];

    private static string MutateJson(Random random, string body)
    {
        var root = JsonNode.Parse(body)!;
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            var (parent, key, index) = PickSlot(random, root);
            var replacement = Replacements[random.Next(Replacements.Length)]?.DeepClone();
            if (parent is JsonObject obj)
            {
                if (random.Next(5) == 0) obj.Remove(key!);
                else obj[key!] = replacement;
            }
            else if (parent is JsonArray array && array.Count > 0)
            {
                array[index] = replacement;
            }
        }
        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static (JsonNode? Parent, string? Key, int Index) PickSlot(Random random, JsonNode node)
    {
        while (true)
        {
            switch (node)
            {
                case JsonObject obj when obj.Count > 0:
                    var property = obj.ElementAt(random.Next(obj.Count));
                    if (property.Value is JsonObject or JsonArray && random.Next(2) == 0) node = property.Value!;
                    else return (obj, property.Key, 0);
                    break;
                case JsonArray array when array.Count > 0:
                    var index = random.Next(array.Count);
                    if (array[index] is JsonObject or JsonArray && random.Next(2) == 0) node = array[index]!;
                    else return (array, null, index);
                    break;
                default:
                    return (null, null, 0);
            }
        }
    }

    private static byte[] MutateQuery(Random random, string seed)
    {
        var pairs = seed.Split('&').ToList();
        string[] junk = ["", "%", "%zz", "%FF", "=", "&&", "Action=", "MaxNumberOfMessages=99", "VisibilityTimeout=-5", "DelaySeconds=abc",
            "MessageAttribute.1.Value.DataType=Nope", "SendMessageBatchRequestEntry.999999999999.Id=x", "AttributeName.0=All", "QueueUrl=%2F"];
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            switch (random.Next(3))
            {
                case 0: pairs[random.Next(pairs.Count)] = junk[random.Next(junk.Length)]; break;
                case 1: pairs.Insert(random.Next(pairs.Count), junk[random.Next(junk.Length)]); break;
                default: pairs.RemoveAt(random.Next(pairs.Count)); if (pairs.Count == 0) pairs.Add("x=y"); break;
            }
        }
        return MutateBytes(random, Encoding.ASCII.GetBytes(string.Join('&', pairs))) is var bytes && random.Next(4) == 0 ? bytes : Encoding.ASCII.GetBytes(string.Join('&', pairs));
    }
}
