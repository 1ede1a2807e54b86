using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task ReceiveMessage(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var p = context.Parameters;
        var max = p.Int("MaxNumberOfMessages") ?? 1;
        if (max is < 1 or > 10)
            throw CommonErrors.InvalidParameterValue($"Value {max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        var visibility = p.Int("VisibilityTimeout");
        if (visibility is < 0 or > 43_200)
            throw CommonErrors.InvalidParameterValue($"Value {visibility} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.");
        var wait = p.Int("WaitTimeSeconds");
        if (wait is < 0 or > 20)
            throw CommonErrors.InvalidParameterValue($"Value {wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
        var attemptId = p.String("ReceiveRequestAttemptId");
        if (attemptId is not null && !SqsNames.IsValidFifoId(attemptId))
            throw SqsErrors.InvalidFifoId("ReceiveRequestAttemptId", attemptId);
        var systemNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in p.StringList("AttributeNames", "AttributeName") ?? []) systemNames.Add(name);
        foreach (var name in p.StringList("MessageSystemAttributeNames", "MessageSystemAttributeName") ?? []) systemNames.Add(name);
        var attributeFilter = new AttributeFilter(p.StringList("MessageAttributeNames", "MessageAttributeName"));

        var messages = await _engine.ReceiveAsync(queue.Name, new ReceiveOptions
        {
            MaxMessages = max,
            VisibilityTimeout = visibility is { } v ? TimeSpan.FromSeconds(v) : null,
            WaitTime = wait is { } w ? TimeSpan.FromSeconds(w) : null,
            AttemptId = attemptId,
        }, context.Aborted).ConfigureAwait(false);
        if (messages.Count == 0) return;

        response.BeginList("Messages", "Message");
        foreach (var message in messages)
        {
            response.BeginItem();
            WriteMessage(response, message, queue, systemNames, attributeFilter);
            response.EndItem();
        }
        response.EndList();
    }

    private void WriteMessage(ResponseWriter response, ReceivedMessage received, QueueDefinition queue, HashSet<string> systemNames, AttributeFilter filter)
    {
        var message = received.Message;
        var bodyBytes = message.Body.Span;
        response.String("MessageId", message.MessageId);
        response.String("ReceiptHandle", _receipts.Encode(received.Lease));
        if (Utf8.IsValid(bodyBytes))
        {
            response.String("MD5OfBody", Md5Digests.OfBody(bodyBytes));
            response.Utf8String("Body", bodyBytes);
        }
        else
        {
            // Bodies from other faces may not be text; SQS bodies are, so undecodable bytes become U+FFFD
            // and the digest covers what we actually send.
            var body = Encoding.UTF8.GetString(bodyBytes);
            response.String("MD5OfBody", Md5Digests.OfBody(Encoding.UTF8.GetBytes(body)));
            response.String("Body", body);
        }

        if (systemNames.Count > 0)
        {
            var attributes = SystemAttributes(received, queue, systemNames);
            if (attributes.Count > 0) response.StringMap("Attributes", "Attribute", attributes);
        }

        var selected = message.Properties.Where(a => filter.Includes(a.Key)).ToList();
        if (selected.Count == 0) return;
        response.String("MD5OfMessageAttributes", Md5Digests.OfAttributes(selected));
        response.BeginMap("MessageAttributes", "MessageAttribute");
        foreach (var (name, value) in selected)
        {
            response.BeginMapValue(name);
            SqsAttributeValues.Write(response, value);
            response.EndMapValue();
        }
        response.EndMap();
    }

    private List<KeyValuePair<string, string>> SystemAttributes(ReceivedMessage received, QueueDefinition queue, HashSet<string> names)
    {
        var all = names.Contains("All");
        var message = received.Message;
        var result = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (value is not null && (all || names.Contains(name))) result.Add(new(name, value));
        }

        Add("SenderId", message.SystemProperties.GetString(SystemProperties.SenderId) ?? _account.AccountId);
        Add("SentTimestamp", message.EnqueuedAtMs.ToString(CultureInfo.InvariantCulture));
        Add("ApproximateReceiveCount", received.DeliveryCount.ToString(CultureInfo.InvariantCulture));
        Add("ApproximateFirstReceiveTimestamp", received.FirstDeliveredAtMs.ToString(CultureInfo.InvariantCulture));
        Add("AWSTraceHeader", message.SystemProperties.GetString(SystemProperties.TraceHeader));
        Add("MessageGroupId", message.GroupId);
        if (queue.Settings.Ordered)
        {
            Add("MessageDeduplicationId", message.DeduplicationId);
            Add("SequenceNumber", SequenceNumber(message.SequenceNumber));
        }
        if (message.SystemProperties.GetString(SystemProperties.DeadLetterSource) is { } source)
            Add("DeadLetterQueueSourceArn", SqsNames.Arn(_account, source));
        return result;
    }

    /// <summary>MessageAttributeNames: "All", "*" or ".*" for every attribute, "prefix.*" for a prefix, else exact names.</summary>
    private sealed class AttributeFilter(IReadOnlyList<string>? names)
    {
        private readonly bool _all = names?.Any(n => n is "All" or "*" or ".*") ?? false;
        private readonly string[] _prefixes = names?.Where(n => n.Length > 2 && n.EndsWith(".*", StringComparison.Ordinal)).Select(n => n[..^2]).ToArray() ?? [];
        private readonly HashSet<string> _exact = new(names ?? [], StringComparer.Ordinal);

        public bool Includes(string name) =>
            _all || _exact.Contains(name) || _prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}
