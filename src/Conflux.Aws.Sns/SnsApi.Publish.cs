using System.Globalization;
using System.Text;
using System.Text.Json;
using Conflux.Aws.Protocol;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    /// <summary>Message plus attributes, as SNS counts them.</summary>
    private const int MaxMessageBytes = 262_144;

    private async Task Publish(AwsRequestContext context, ResponseWriter response)
    {
        var p = context.Parameters;
        if (p.String("PhoneNumber") is not null) throw SnsErrors.Unsupported("Publish to a phone number (SMS)");
        var topicArn = p.String("TopicArn");
        var targetArn = p.String("TargetArn");
        if (topicArn is not null && targetArn is not null)
            throw SnsErrors.Invalid("TopicArn or TargetArn", "Only one of topicArn or targetArn is allowed");
        if (topicArn is null && targetArn is null)
            throw SnsErrors.Invalid("TopicArn or TargetArn", "One of topicArn or targetArn must be provided");
        var topic = await TopicFor(context, topicArn is null ? "TargetArn" : "TopicArn").ConfigureAwait(false);
        var draft = Draft(p, topic, out _);
        var result = await _engine.PublishAsync(topic.Name, draft).ConfigureAwait(false);
        response.String("MessageId", result.MessageId);
        if (topic.Ordered) response.String("SequenceNumber", SequenceText(result.SequenceNumber));
    }

    private static string SequenceText(long sequence) => sequence.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>Validates one message (Publish or a batch entry) as SNS does and builds the engine draft.</summary>
    private static MessageDraft Draft(RequestNode p, TopicDefinition topic, out int size)
    {
        var message = p.String("Message") ?? throw SnsErrors.Invalid("Message");
        if (message.Length == 0) throw SnsErrors.InvalidParameter("Invalid parameter: Empty message");
        var subject = p.String("Subject");
        if (subject is not null && (subject.Length is 0 or > 100 || subject.Any(c => c < 0x20 || c > 0x7e)))
            throw SnsErrors.Invalid("Subject");
        var structure = p.String("MessageStructure");
        if (structure is not null)
        {
            if (structure != "json") throw SnsErrors.Invalid("MessageStructure");
            ValidateStructure(message);
        }
        var (attributes, attributeBytes) = SnsMessageAttributes.Read(p);
        var body = Encoding.UTF8.GetBytes(message);
        size = body.Length + attributeBytes;
        if (size > MaxMessageBytes) throw SnsErrors.InvalidParameter("Invalid parameter: Message too long");
        var group = p.String("MessageGroupId");
        var dedup = p.String("MessageDeduplicationId");
        if (topic.Ordered)
        {
            if (string.IsNullOrEmpty(group)) throw SnsErrors.InvalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
            ValidateToken("MessageGroupId", group);
            if (dedup is not null) ValidateToken("MessageDeduplicationId", dedup);
            else if (!topic.ContentBasedDeduplication)
                throw SnsErrors.InvalidParameter("Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }
        else if (dedup is not null)
        {
            throw SnsErrors.Invalid("MessageDeduplicationId", "The request includes MessageDeduplicationId parameter that is not valid for this topic type");
        }
        var system = PropertyBag.Empty;
        if (subject is not null) system = system.With(SystemProperties.Subject, PropertyValue.String(subject));
        if (structure is not null) system = system.With(SnsRenderer.StructureProperty, PropertyValue.String(structure));
        return new MessageDraft
        {
            Body = body,
            Properties = attributes,
            SystemProperties = system,
            GroupId = group,
            DeduplicationId = dedup,
        };
    }

    /// <summary>FIFO group and deduplication ids: up to 128 characters of printable ASCII.</summary>
    private static void ValidateToken(string name, string value)
    {
        if (value.Length is 0 or > 128 || value.Any(c => c < 0x21 || c > 0x7e))
            throw SnsErrors.Invalid(name, $"{name} can only include alphanumeric and punctuation characters. 1 to 128 in length.");
    }

    private static void ValidateStructure(string message)
    {
        try
        {
            using var doc = JsonDocument.Parse(message);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw SnsErrors.InvalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
            if (!doc.RootElement.TryGetProperty("default", out var fallback) || fallback.ValueKind != JsonValueKind.String)
                throw SnsErrors.InvalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body");
        }
        catch (JsonException)
        {
            throw SnsErrors.InvalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse");
        }
    }
}
