using System.Text;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// The fields an SNS signature covers. Notifications sign Message, MessageId, Subject (only when present), Timestamp,
/// TopicArn and Type; confirmations sign Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type. Each
/// pair is "Name\nValue\n" in that (byte-sorted) order, values unescaped.
/// </summary>
public sealed record SnsSignedFields(
    SnsMessageType Type,
    string MessageId,
    string Message,
    DateTimeOffset Timestamp,
    string TopicArn,
    string? Subject = null,
    string? SubscribeUrl = null,
    string? Token = null)
{
    /// <summary>The exact text that is hashed and signed (for diagnostics; signing writes the UTF-8 bytes directly).</summary>
    public string StringToSign()
    {
        var builder = new StringBuilder(Message.Length + 256);
        foreach (var (name, value) in Pairs())
            builder.Append(name).Append('\n').Append(value).Append('\n');
        return builder.ToString();
    }

    internal int MaxUtf8Length()
    {
        var chars = 0;
        foreach (var (name, value) in Pairs()) chars += name.Length + value.Length + 2;
        return Encoding.UTF8.GetMaxByteCount(chars);
    }

    internal int WriteUtf8(Span<byte> destination)
    {
        var written = 0;
        foreach (var (name, value) in Pairs())
        {
            written += Encoding.UTF8.GetBytes(name, destination[written..]);
            destination[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(value, destination[written..]);
            destination[written++] = (byte)'\n';
        }
        return written;
    }

    private IEnumerable<(string Name, string Value)> Pairs()
    {
        yield return ("Message", Message);
        yield return ("MessageId", MessageId);
        if (Type == SnsMessageType.Notification)
        {
            if (Subject is not null) yield return ("Subject", Subject);
        }
        else
        {
            yield return ("SubscribeURL", SubscribeUrl ?? throw new InvalidOperationException("A confirmation signs its SubscribeURL."));
        }
        yield return ("Timestamp", SnsTimestamp.ToText(Timestamp));
        if (Type != SnsMessageType.Notification)
            yield return ("Token", Token ?? throw new InvalidOperationException("A confirmation signs its Token."));
        yield return ("TopicArn", TopicArn);
        yield return ("Type", SnsMessageTypeNames.Name(Type));
    }
}
