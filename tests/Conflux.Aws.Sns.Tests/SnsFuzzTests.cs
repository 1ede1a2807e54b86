using System.Text;
using Conflux.Core.Engine;

namespace Conflux.Aws.Sns.Tests;

/// <summary>
/// Mutated SNS query requests (dropped, replaced and junk parameters, corrupted bytes) against the real
/// router and face: every answer is a 200 or a well-formed 4xx error document, never a 5xx, and the
/// topic still delivers afterwards.
/// </summary>
public sealed class SnsFuzzTests : IAsyncLifetime
{
    private const string Topic = "arn:aws:sns:us-east-1:000000000000:fuzz";
    private const string Fifo = "arn:aws:sns:us-east-1:000000000000:fuzz.fifo";
    private SnsHarness _sns = null!;
    private readonly List<string> _seeds = [];

    public async Task InitializeAsync()
    {
        _sns = await SnsHarness.StartAsync();
        await _sns.QueueAsync("q");
        await _sns.QueueAsync("q.fifo");
        await Ok("Action=CreateTopic&Name=fuzz");
        await Ok("Action=CreateTopic&Name=fuzz.fifo&Attributes.entry.1.key=FifoTopic&Attributes.entry.1.value=true");
        var subscription = await _sns.ValueAsync($"Action=Subscribe&TopicArn={Topic}&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:000000000000:q", "SubscriptionArn");
        var arn = Uri.EscapeDataString(subscription);
        var filter = Uri.EscapeDataString("""{"a":[{"prefix":"x"},{"numeric":[">",1,"<=",5]},{"anything-but":["z"]}],"$or":[{"b":[{"exists":true}]},{"c":[{"cidr":"10.0.0.0/8"}]}]}""");
        var policy = Uri.EscapeDataString("""{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":5,"numRetries":3,"backoffFunction":"exponential"}}}""");
        _seeds.AddRange([
            $"Action=Publish&TopicArn={Topic}&Message=hi&Subject=s&MessageAttributes.entry.1.Name=a&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=x",
            $"Action=Publish&TopicArn={Topic}&MessageStructure=json&Message={Uri.EscapeDataString("{\"default\":\"d\",\"sqs\":\"s\"}")}&MessageAttributes.entry.1.Name=n&MessageAttributes.entry.1.Value.DataType=Number&MessageAttributes.entry.1.Value.StringValue=3",
            $"Action=Publish&TopicArn={Fifo}&Message=f&MessageGroupId=g&MessageDeduplicationId=d&MessageAttributes.entry.1.Name=b&MessageAttributes.entry.1.Value.DataType=Binary&MessageAttributes.entry.1.Value.BinaryValue=AAE=",
            $"Action=PublishBatch&TopicArn={Topic}&PublishBatchRequestEntries.member.1.Id=a&PublishBatchRequestEntries.member.1.Message=1&PublishBatchRequestEntries.member.2.Id=b&PublishBatchRequestEntries.member.2.Message=2",
            $"Action=Subscribe&TopicArn={Topic}&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:000000000000:q&Attributes.entry.1.key=FilterPolicy&Attributes.entry.1.value={filter}&ReturnSubscriptionArn=true",
            $"Action=Subscribe&TopicArn={Topic}&Protocol=http&Endpoint=http%3A%2F%2F127.0.0.1%3A9%2Fx&Attributes.entry.1.key=DeliveryPolicy&Attributes.entry.1.value={policy}",
            $"Action=SetSubscriptionAttributes&SubscriptionArn={arn}&AttributeName=FilterPolicy&AttributeValue={filter}",
            $"Action=SetSubscriptionAttributes&SubscriptionArn={arn}&AttributeName=RedrivePolicy&AttributeValue={Uri.EscapeDataString("{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:q\"}")}",
            $"Action=GetSubscriptionAttributes&SubscriptionArn={arn}",
            $"Action=SetTopicAttributes&TopicArn={Topic}&AttributeName=DeliveryPolicy&AttributeValue={policy}",
            $"Action=GetTopicAttributes&TopicArn={Topic}",
            $"Action=ListSubscriptionsByTopic&TopicArn={Topic}&NextToken=ZnV6eg%3D%3D",
            "Action=ListTopics&NextToken=eA%3D%3D",
            $"Action=TagResource&ResourceArn={Topic}&Tags.member.1.Key=k&Tags.member.1.Value=v",
            $"Action=UntagResource&ResourceArn={Topic}&TagKeys.member.1=k",
            $"Action=AddPermission&TopicArn={Topic}&Label=l&AWSAccountId.member.1=111122223333&ActionName.member.1=Publish",
            $"Action=RemovePermission&TopicArn={Topic}&Label=l",
            $"Action=ConfirmSubscription&TopicArn={Topic}&Token=abcdef",
            $"Action=PutDataProtectionPolicy&ResourceArn={Topic}&DataProtectionPolicy=%7B%7D",
            "Action=CreateTopic&Name=fuzz2&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=d&Tags.member.1.Key=a&Tags.member.1.Value=b",
        ]);
    }

    public async Task DisposeAsync() => await _sns.DisposeAsync();

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("CONFLUX_FUZZ_ITERATIONS"), out var n) ? n : 6_000;

    private static int Seed(int fallback) => int.TryParse(Environment.GetEnvironmentVariable("CONFLUX_FUZZ_SEED"), out var seed) ? seed : fallback;

    [Fact]
    public async Task QueryRequests_Mutated_NeverFailWithServerError()
    {
        var random = new Random(Seed(3));
        for (var i = 0; i < Iterations; i++)
        {
            var request = Mutate(random, _seeds[random.Next(_seeds.Count)]);
            var (status, body) = await _sns.SendAsync(request);
            Assert.True(status is 200 or (>= 400 and < 500), $"answered {status}: {body}\nrequest: {Encoding.UTF8.GetString(request)}\n{_sns.Log.Last}");
            if (status != 200) Assert.Contains("<ErrorResponse", body, StringComparison.Ordinal);
        }
        await _sns.Engine.PurgeAsync("q");
        await Ok($"Action=Publish&TopicArn={Topic}&Message=after");
        var received = await _sns.Engine.ReceiveAsync("q", new ReceiveOptions { MaxMessages = 10 });
        Assert.Contains(received, m => Encoding.UTF8.GetString(m.Message.Body.Span).Contains("after", StringComparison.Ordinal));
    }

    private static byte[] Mutate(Random random, string seed)
    {
        var pairs = seed.Split('&').ToList();
        string[] junk = ["", "%", "%zz", "%FF", "=", "&&", "Action=", "Message=", "TopicArn=arn%3Aaws%3Asns", "TopicArn=x", "Subject=%0A",
            "MessageAttributes.entry.1.Value.DataType=String.Array", "MessageAttributes.entry.1.Value.StringValue=%5B%7B%7D",
            "MessageAttributes.entry.99999999999.Name=x", "Attributes.entry.1.key=FilterPolicyScope", "Attributes.entry.1.value=MessageBody",
            "AttributeValue=%7B%22a%22%3A%5B%7B%22numeric%22%3A%5B%22%3E%22%5D%7D%5D%7D", "AttributeValue=%5B%5D", "MessageGroupId=%00",
            "PublishBatchRequestEntries.member.1.Id=a", "Protocol=HTTPS", "Endpoint=https%3A%2F%2F", "MessageStructure=json", "NextToken=%25"];
        for (var m = random.Next(1, 4); m > 0; m--)
        {
            switch (random.Next(3))
            {
                case 0: pairs[random.Next(pairs.Count)] = junk[random.Next(junk.Length)]; break;
                case 1: pairs.Insert(random.Next(pairs.Count), junk[random.Next(junk.Length)]); break;
                default: pairs.RemoveAt(random.Next(pairs.Count)); if (pairs.Count == 0) pairs.Add("x=y"); break;
            }
        }
        var bytes = Encoding.ASCII.GetBytes(string.Join('&', pairs));
        if (random.Next(4) == 0 && bytes.Length > 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    private Task<System.Xml.Linq.XElement> Ok(string query) => _sns.OkAsync(query);
}
