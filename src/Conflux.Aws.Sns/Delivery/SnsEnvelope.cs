using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// Writes the JSON documents SNS delivers to HTTP/S endpoints and SQS queues, byte for byte as AWS does: Jackson's
/// default pretty printer (two-space indent, <c>"Key" : "value"</c>, no trailing newline), fields in AWS's order, and
/// each message attribute as one compact object on its own line.
/// </summary>
public static class SnsEnvelope
{
    /// <summary>Writes a Notification whose UnsubscribeURL is <paramref name="unsubscribeUrl"/>.</summary>
    public static void WriteNotification(SnsNotification notification, string unsubscribeUrl, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        ArgumentNullException.ThrowIfNull(output);
        WriteNotificationHead(notification, output);
        WriteUnsubscribeUrl(unsubscribeUrl, output);
        WriteNotificationTail(notification, output);
    }

    /// <summary>
    /// Renders everything but the UnsubscribeURL once, for a message that fans out to many subscriptions: each
    /// subscription's envelope is then two copies and one escaped URL.
    /// </summary>
    public static SnsPreparedNotification Prepare(SnsNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var buffer = new ArrayBufferWriter<byte>(notification.Message.Length + 1024);
        WriteNotificationHead(notification, buffer);
        var head = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        WriteNotificationTail(notification, buffer);
        return new SnsPreparedNotification(notification, head, buffer.WrittenSpan.ToArray());
    }

    /// <summary>Writes a SubscriptionConfirmation or UnsubscribeConfirmation.</summary>
    public static void WriteConfirmation(SnsConfirmation confirmation, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("{\n  \"Type\" : \""u8);
        output.Write(SnsMessageTypeNames.Utf8(confirmation.Type));
        SnsJsonText.WriteByte(output, (byte)'"');
        Field(output, "MessageId"u8, confirmation.MessageId);
        Field(output, "Token"u8, confirmation.Token);
        Field(output, "TopicArn"u8, confirmation.TopicArn);
        Field(output, "Message"u8, confirmation.Message);
        Field(output, "SubscribeURL"u8, confirmation.SubscribeUrl);
        TimestampField(output, confirmation.Timestamp);
        SignatureFields(output, confirmation.Signature);
        output.Write("\n}"u8);
    }

    internal static void WriteNotificationHead(SnsNotification n, IBufferWriter<byte> output)
    {
        output.Write("{\n  \"Type\" : \"Notification\""u8);
        Field(output, "MessageId"u8, n.MessageId);
        if (n.SequenceNumber is not null) Field(output, "SequenceNumber"u8, n.SequenceNumber);
        Field(output, "TopicArn"u8, n.TopicArn);
        if (n.Subject is not null) Field(output, "Subject"u8, n.Subject);
        Field(output, "Message"u8, n.Message);
        TimestampField(output, n.Timestamp);
        SignatureFields(output, n.Signature);
    }

    internal static void WriteUnsubscribeUrl(string unsubscribeUrl, IBufferWriter<byte> output) =>
        Field(output, "UnsubscribeURL"u8, unsubscribeUrl);

    internal static void WriteNotificationTail(SnsNotification n, IBufferWriter<byte> output)
    {
        var attributes = n.MessageAttributes;
        if (attributes.Count > 0)
        {
            output.Write(",\n  \"MessageAttributes\" : {"u8);
            for (var i = 0; i < attributes.Count; i++)
            {
                var attribute = attributes[i];
                output.Write(i == 0 ? "\n    "u8 : ",\n    "u8);
                SnsJsonText.WriteQuoted(output, attribute.Name);
                output.Write(" : {\"Type\":"u8);
                SnsJsonText.WriteQuoted(output, attribute.DataType);
                output.Write(",\"Value\":"u8);
                if (attribute.IsBinary) WriteBase64(output, attribute.BinaryValue.Span);
                else SnsJsonText.WriteQuoted(output, attribute.StringValue ?? "");
                SnsJsonText.WriteByte(output, (byte)'}');
            }
            output.Write("\n  }"u8);
        }
        output.Write("\n}"u8);
    }

    private static void Field(IBufferWriter<byte> output, ReadOnlySpan<byte> name, string value)
    {
        output.Write(",\n  \""u8);
        output.Write(name);
        output.Write("\" : "u8);
        SnsJsonText.WriteQuoted(output, value);
    }

    private static void TimestampField(IBufferWriter<byte> output, DateTimeOffset timestamp)
    {
        output.Write(",\n  \"Timestamp\" : \""u8);
        var span = output.GetSpan(SnsTimestamp.Length + 1);
        var written = SnsTimestamp.WriteUtf8(timestamp, span);
        span[written] = (byte)'"';
        output.Advance(written + 1);
    }

    private static void SignatureFields(IBufferWriter<byte> output, SnsSignature? signature)
    {
        if (signature is null) return;
        Field(output, "SignatureVersion"u8, signature.Version.ToString(CultureInfo.InvariantCulture));
        Field(output, "Signature"u8, signature.Value);
        Field(output, "SigningCertURL"u8, signature.SigningCertUrl);
    }

    private static void WriteBase64(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        var span = output.GetSpan(Base64.GetMaxEncodedToUtf8Length(value.Length) + 2);
        span[0] = (byte)'"';
        Base64.EncodeToUtf8(value, span[1..], out _, out var written);
        span[written + 1] = (byte)'"';
        output.Advance(written + 2);
    }
}
