using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Conflux.Aws.Protocol;
using Conflux.Aws.Sns.Delivery;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns;

/// <summary>
/// Renders what each SNS subscription receives: the raw message (RawMessageDelivery) with its
/// attributes, or the signed JSON envelope. A publish signs once per distinct message text (several
/// only with MessageStructure=json) and every subscription reuses that prepared envelope, adding only
/// its own UnsubscribeURL — RSA signing, not fan-out, is then the cost of a publish.
/// </summary>
internal sealed class SnsRenderer : IDeliveryRenderer
{
    private readonly SnsSigner _signer;
    private readonly AwsAccount _account;
    private readonly string _publicUrl;

    // Built once per subscription, not per copy; definitions are immutable, so a changed one gets its own entry.
    private readonly ConditionalWeakTable<SubscriptionDefinition, string> _unsubscribeUrls = [];

    public SnsRenderer(SnsSigner signer, AwsAccount account, string publicUrl)
    {
        _signer = signer;
        _account = account;
        _publicUrl = publicUrl;
    }

    /// <summary>System property marking a MessageStructure=json publish.</summary>
    public const string StructureProperty = "sns.message-structure";

    public string Dialect => SubscriptionAttributes.RendererDialect;

    public Message? Render(Message published, TopicDefinition topic, SubscriptionDefinition subscription, ref object? publishState)
    {
        var state = (PublishState?)publishState ?? new PublishState(published, topic, this);
        publishState = state;
        var protocol = subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.Protocol) ?? "sqs";
        var text = state.TextFor(protocol);
        // A queue gives each copy its own SQS message id; HTTP pushes keep the SNS one for x-amz-sns-message-id.
        var toQueue = protocol == "sqs";
        var id = toQueue ? Uuid.NewString() : published.MessageId;
        // A FIFO topic's group and deduplication ids mean nothing to a standard queue, which SNS delivers to without them.
        if (toQueue && topic.Ordered && !subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.Endpoint, "").EndsWith(".fifo", StringComparison.Ordinal))
            published = published with { GroupId = null, DeduplicationId = null };
        if (subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.RawMessageDelivery) == "true")
        {
            if (toQueue && published.Properties.Count > SnsMessageAttributes.MaxRawAttributes) return null;
            return published with { MessageId = id, Body = text is null ? published.Body : Encoding.UTF8.GetBytes(text) };
        }
        var prepared = state.Envelope(text);
        var unsubscribe = _unsubscribeUrls.GetValue(subscription, s => SnsUrls.Unsubscribe(_publicUrl, SnsNames.SubscriptionArn(_account, s.Topic, s.SubscriptionName)));
        return published with { MessageId = id, Body = prepared.ToArray(unsubscribe), Properties = PropertyBag.Empty };
    }

    private sealed class PublishState(Message published, TopicDefinition topic, SnsRenderer owner)
    {
        // Created on first envelope: a publish to raw subscribers only never needs it.
        private Dictionary<string, SnsPreparedNotification>? _envelopes;
        private Dictionary<string, string>? _structure;

        /// <summary>The text for a protocol: null means the published body as is.</summary>
        public string? TextFor(string protocol)
        {
            if (published.SystemProperties.GetString(StructureProperty) != "json") return null;
            _structure ??= ParseStructure(published.Body.Span);
            return _structure.TryGetValue(protocol, out var text) ? text : _structure.GetValueOrDefault("default") ?? "";
        }

        public SnsPreparedNotification Envelope(string? text)
        {
            var key = text ?? "";
            _envelopes ??= new(StringComparer.Ordinal);
            if (_envelopes.TryGetValue(key, out var prepared)) return prepared;
            var notification = new SnsNotification
            {
                MessageId = published.MessageId,
                TopicArn = SnsNames.TopicArn(owner._account, topic.Name),
                Subject = published.SystemProperties.GetString(SystemProperties.Subject),
                Message = text ?? Encoding.UTF8.GetString(published.Body.Span),
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(published.EnqueuedAtMs),
                SequenceNumber = topic.Ordered ? published.SequenceNumber.ToString("D20", CultureInfo.InvariantCulture) : null,
                MessageAttributes = [.. published.Properties.Select(p => new SnsMessageAttribute(
                    p.Key, SnsMessageAttributes.DataType(p.Value), p.Value.Kind == PropertyKind.Binary ? null : p.Value.Text, p.Value.Bytes))],
            };
            // FIFO notifications carry no signature, as SNS sends them.
            if (!topic.Ordered)
            {
                var version = topic.Attributes.GetValueOrDefault(TopicAttributes.SignatureVersion) == "2" ? 2 : 1;
                notification = notification.Sign(owner._signer, version, SnsUrls.SigningCert(owner._publicUrl, owner._signer));
            }
            prepared = SnsEnvelope.Prepare(notification);
            _envelopes[key] = prepared;
            return prepared;
        }

        private static Dictionary<string, string> ParseStructure(ReadOnlySpan<byte> body)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            foreach (var property in doc.RootElement.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.String) map[property.Name] = property.Value.GetString()!;
            return map;
        }
    }
}
