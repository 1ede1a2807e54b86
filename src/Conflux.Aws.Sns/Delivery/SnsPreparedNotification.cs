using System.Buffers;
using System.Text;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// A notification envelope rendered up to the per-subscription UnsubscribeURL (see <see cref="SnsEnvelope.Prepare"/>).
/// Immutable, so one instance serves every subscription of a publish concurrently.
/// </summary>
public sealed class SnsPreparedNotification
{
    private readonly byte[] _head;
    private readonly byte[] _tail;

    internal SnsPreparedNotification(SnsNotification notification, byte[] head, byte[] tail)
    {
        Notification = notification;
        _head = head;
        _tail = tail;
    }

    public SnsNotification Notification { get; }

    /// <summary>The envelope length for a given URL is this plus the URL's escaped length.</summary>
    public int LengthWithoutUrl => _head.Length + UrlPrefix.Length + 1 + _tail.Length;

    private static ReadOnlySpan<byte> UrlPrefix => ",\n  \"UnsubscribeURL\" : \""u8;

    public void WriteTo(string unsubscribeUrl, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        ArgumentNullException.ThrowIfNull(output);
        output.Write(_head);
        SnsEnvelope.WriteUnsubscribeUrl(unsubscribeUrl, output);
        output.Write(_tail);
    }

    /// <summary>The whole envelope for one subscription, in a single exactly-sized array when the URL needs no escaping.</summary>
    public byte[] ToArray(string unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        if (SnsJsonText.IsVerbatimAscii(unsubscribeUrl))
        {
            var result = new byte[LengthWithoutUrl + unsubscribeUrl.Length];
            var span = result.AsSpan();
            _head.CopyTo(span);
            var position = _head.Length;
            UrlPrefix.CopyTo(span[position..]);
            position += UrlPrefix.Length;
            position += Encoding.ASCII.GetBytes(unsubscribeUrl, span[position..]);
            span[position++] = (byte)'"';
            _tail.CopyTo(span[position..]);
            return result;
        }
        var buffer = new ArrayBufferWriter<byte>(LengthWithoutUrl + unsubscribeUrl.Length + 16);
        WriteTo(unsubscribeUrl, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
