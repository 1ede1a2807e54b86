using Conflux.Aws.Protocol;
using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Core.Security;

namespace Conflux.Aws.Sqs;

/// <summary>Turns one SendMessage (or batch entry) into an engine draft, validating it as SQS does.</summary>
public sealed partial class SqsApi
{
    private const string TraceHeaderAttribute = "AWSTraceHeader";

    private sealed record ParsedSend(MessageDraft Draft, string BodyMd5, string? AttributesMd5, string? SystemAttributesMd5, int Size);

    private ParsedSend ParseSend(RequestNode node, QueueDefinition queue, Principal principal, bool batchEntry)
    {
        var settings = queue.Settings;
        var body = node.Utf8("MessageBody");
        if (body is null || body.Length == 0) throw CommonErrors.MissingParameter("MessageBody");
        if (!SqsText.IsValid(body)) throw SqsErrors.InvalidMessageContents();
        var (properties, attributesSize) = SqsAttributeValues.Parse(node.StructMap("MessageAttributes", "MessageAttribute"));
        var system = ParseSystemAttributes(node.StructMap("MessageSystemAttributes", "MessageSystemAttribute"));
        var size = body.Length + attributesSize;
        if (size > settings.MaxMessageBytes) throw SqsErrors.MessageTooLong(settings.MaxMessageBytes, batchEntry);

        var delay = node.Int("DelaySeconds");
        if (delay is < 0 or > 900)
            throw CommonErrors.InvalidParameterValue($"Value {delay} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
        if (settings.Ordered && delay is > 0) throw SqsErrors.NotValidForQueueType("DelaySeconds", delay.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var group = node.String("MessageGroupId");
        if (group is not null && !SqsNames.IsValidFifoId(group)) throw SqsErrors.InvalidFifoId("MessageGroupId", group);
        var dedup = node.String("MessageDeduplicationId");
        if (dedup is not null && !SqsNames.IsValidFifoId(dedup)) throw SqsErrors.InvalidFifoId("MessageDeduplicationId", dedup);
        if (settings.Ordered)
        {
            if (group is null) throw batchEntry ? CommonErrors.InvalidParameterValue("The request must contain the parameter MessageGroupId.") : CommonErrors.MissingParameter("MessageGroupId");
            if (dedup is null && !settings.ContentBasedDeduplication) throw SqsErrors.DeduplicationIdRequired();
        }
        else if (dedup is not null)
        {
            throw SqsErrors.NotValidForQueueType("MessageDeduplicationId", dedup);
        }

        var senderBag = _senders.GetOrAdd(principal.Id, static (id, _) => PropertyBag.From([new(SystemProperties.SenderId, PropertyValue.String(id))]), 0);
        var systemBag = system is { } trace ? senderBag.With(SystemProperties.TraceHeader, trace) : senderBag;
        var draft = new MessageDraft
        {
            Body = body,
            Properties = properties,
            SystemProperties = systemBag,
            GroupId = group,
            DeduplicationId = dedup,
            // FIFO queues only take the queue's delay (an explicit 0 included).
            Delay = settings.Ordered || delay is null ? null : TimeSpan.FromSeconds(delay.Value),
        };
        return new ParsedSend(
            draft,
            Md5Digests.OfBody(body),
            Md5Digests.OfAttributes(properties),
            system is { } value ? Md5Digests.OfAttributes([new(TraceHeaderAttribute, value)]) : null,
            size);
    }

    private static PropertyValue? ParseSystemAttributes(IReadOnlyList<KeyValuePair<string, RequestNode>>? attributes)
    {
        if (attributes is null || attributes.Count == 0) return null;
        PropertyValue? trace = null;
        foreach (var (name, node) in attributes)
        {
            if (name != TraceHeaderAttribute)
                throw CommonErrors.InvalidParameterValue($"Message system attribute name '{name}' is invalid.");
            var value = SqsAttributeValues.ParseValue(name, node, "Message system attribute");
            if (value.Kind != PropertyKind.String)
                throw CommonErrors.InvalidParameterValue($"Message system attribute '{name}' must be of type 'String'.");
            trace = value;
        }
        return trace;
    }
}
