using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Conflux.Bench.Client;

/// <summary>
/// Builds DeleteMessage / DeleteMessageBatch for whatever a ReceiveMessage returned, copying receipt handles
/// verbatim (still JSON-escaped) from the reply, and keeps the messages' send stamps for latency (or, for copies
/// of SNS publishes, each copy's publish stamp and sequence number).
/// </summary>
internal sealed class DeleteRequest(string queueUrl, bool batch, bool snsCopies = false)
{
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes(batch ? $$"""{"QueueUrl":"{{queueUrl}}","Entries":[""" : $$"""{"QueueUrl":"{{queueUrl}}","ReceiptHandle":""" + "\"");
    private readonly byte[] _suffix = Encoding.UTF8.GetBytes(batch ? "]}" : "\"}");
    private readonly ArrayBufferWriter<byte> _body = new(8 * 1024);
    private readonly List<long> _stamps = new(RequestBodies.BatchSize);
    private readonly List<(long Stamp, long Sequence)> _copies = new(RequestBodies.BatchSize);

    public int Count { get; private set; }

    public IReadOnlyList<long> Stamps => _stamps;

    /// <summary>With snsCopies: the publish stamp and sequence of each received copy that carried them.</summary>
    public IReadOnlyList<(long Stamp, long Sequence)> Copies => _copies;

    /// <summary>With snsCopies: received messages whose body carried no publish stamp (should stay zero).</summary>
    public int Unreadable { get; private set; }

    public ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    /// <summary>Reads a ReceiveMessage reply into a delete request; returns how many messages it held.</summary>
    public int Load(ReadOnlySpan<byte> receiveReply)
    {
        _body.ResetWrittenCount();
        _stamps.Clear();
        _copies.Clear();
        Unreadable = 0;
        Count = 0;
        _body.Write(_prefix);
        ReplyReader.ReadMessages(receiveReply, this);
        _body.Write(_suffix);
        return Count;
    }

    internal void AddHandle(ReadOnlySpan<byte> escapedHandle)
    {
        if (batch)
        {
            if (Count > 0) _body.Write(","u8);
            _body.Write("{\"Id\":\"d"u8);
            Utf8Formatter.TryFormat(Count, _body.GetSpan(11), out var written);
            _body.Advance(written);
            _body.Write("\",\"ReceiptHandle\":\""u8);
            _body.Write(escapedHandle);
            _body.Write("\"}"u8);
        }
        else if (Count == 0)
        {
            _body.Write(escapedHandle);
        }
        Count++;
    }

    internal void AddBody(ReadOnlySpan<byte> escapedBody)
    {
        if (!snsCopies)
        {
            var stamp = StampedBody.Read(escapedBody);
            if (stamp > 0) _stamps.Add(stamp);
        }
        else if (PublishBody.TryRead(escapedBody, out var stamp, out var sequence))
        {
            _copies.Add((stamp, sequence));
        }
        else
        {
            Unreadable++;
        }
    }
}
