using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Conflux.Core.Messages;

/// <summary>
/// Compact binary encoding of everything about a message except its body and sequence number, which
/// storage keeps in their own columns. Every backend stores this same blob, so a message written by
/// one face reads back identically through another.
/// </summary>
public static class MessageCodec
{
    private const byte Version = 1;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_writer;

    public static byte[] EncodeMetadata(Message message)
    {
        // One scratch buffer per thread; the result is the only allocation.
        var writer = t_writer ??= new ArrayBufferWriter<byte>(512);
        writer.ResetWrittenCount();
        writer.GetSpan(1)[0] = Version;
        writer.Advance(1);
        WriteString(writer, message.MessageId);
        WriteVarLong(writer, message.EnqueuedAtMs);
        WriteNullableString(writer, message.GroupId);
        WriteNullableString(writer, message.DeduplicationId);
        WriteVarLong(writer, message.ScheduledAtMs);
        WriteVarLong(writer, message.ExpiresAtMs);
        WriteBag(writer, message.Properties);
        WriteBag(writer, message.SystemProperties);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes metadata written by <see cref="EncodeMetadata"/>; corrupt input throws <see cref="InvalidDataException"/> only.</summary>
    public static Message Decode(ReadOnlySpan<byte> metadata, ReadOnlyMemory<byte> body, long sequenceNumber)
    {
        try
        {
            return DecodeCore(metadata, body, sequenceNumber);
        }
        catch (Exception error) when (error is ArgumentException or OverflowException or DecoderFallbackException or FormatException)
        {
            throw new InvalidDataException("Message metadata is corrupt.", error);
        }
    }

    private static Message DecodeCore(ReadOnlySpan<byte> metadata, ReadOnlyMemory<byte> body, long sequenceNumber)
    {
        var reader = new Reader(metadata);
        var version = reader.Byte();
        if (version != Version) throw new InvalidDataException($"Unknown message metadata version {version}.");
        var id = reader.String();
        var enqueued = reader.VarLong();
        var group = reader.NullableString();
        var dedup = reader.NullableString();
        var scheduled = reader.VarLong();
        var expires = reader.VarLong();
        var props = reader.Bag();
        var system = reader.Bag();
        return new Message
        {
            MessageId = id,
            Body = body,
            SequenceNumber = sequenceNumber,
            EnqueuedAtMs = enqueued,
            GroupId = group,
            DeduplicationId = dedup,
            ScheduledAtMs = scheduled,
            ExpiresAtMs = expires,
            Properties = props,
            SystemProperties = system,
        };
    }

    private static void WriteBag(ArrayBufferWriter<byte> writer, PropertyBag bag)
    {
        WriteVarLong(writer, bag.Count);
        foreach (var (name, value) in bag)
        {
            WriteString(writer, name);
            var head = writer.GetSpan(1);
            head[0] = (byte)value.Kind;
            writer.Advance(1);
            WriteNullableString(writer, value.Label);
            switch (value.Kind)
            {
                case PropertyKind.Null:
                    break;
                case PropertyKind.Binary:
                    WriteBytes(writer, value.Bytes.Span);
                    break;
                case PropertyKind.String or PropertyKind.Number or PropertyKind.Decimal or PropertyKind.Guid or PropertyKind.Uri:
                    WriteString(writer, value.Text!);
                    break;
                default:
                    BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value.Bits);
                    writer.Advance(8);
                    break;
            }
        }
    }

    private static void WriteVarLong(ArrayBufferWriter<byte> writer, long value)
    {
        var span = writer.GetSpan(10);
        var v = (ulong)value;
        var i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[i++] = (byte)v;
        writer.Advance(i);
    }

    private static void WriteBytes(ArrayBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        WriteVarLong(writer, bytes.Length);
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = writer.GetSpan(max + 5);
        var count = Encoding.UTF8.GetBytes(value, span[5..]);
        // Length prefix is written after encoding; shift when the varint is shorter than five bytes.
        Span<byte> prefix = stackalloc byte[5];
        var v = (uint)count;
        var n = 0;
        while (v >= 0x80)
        {
            prefix[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        prefix[n++] = (byte)v;
        span.Slice(5, count).CopyTo(span[n..]);
        prefix[..n].CopyTo(span);
        writer.Advance(n + count);
    }

    private static void WriteNullableString(ArrayBufferWriter<byte> writer, string? value)
    {
        if (value is null)
        {
            WriteVarLong(writer, 0);
            return;
        }
        WriteVarLong(writer, 1);
        WriteString(writer, value);
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        public byte Byte()
        {
            if (_pos >= _data.Length) throw Truncated();
            return _data[_pos++];
        }

        public long VarLong()
        {
            ulong result = 0;
            var shift = 0;
            while (true)
            {
                var b = Byte();
                result |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return (long)result;
                shift += 7;
                if (shift > 63) throw new InvalidDataException("Varint too long.");
            }
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var len = checked((int)VarLong());
            if (len < 0 || _pos + len > _data.Length) throw Truncated();
            var slice = _data.Slice(_pos, len);
            _pos += len;
            return slice;
        }

        public string String() => Strict.GetString(Bytes());

        public string? NullableString() => VarLong() == 0 ? null : String();

        public PropertyBag Bag()
        {
            var count = checked((int)VarLong());
            if (count == 0) return PropertyBag.Empty;
            // Every property takes at least three bytes; a larger count is corruption, not a reason to allocate.
            if (count < 0 || count > (_data.Length - _pos) / 3) throw Truncated();
            var items = new List<KeyValuePair<string, PropertyValue>>(count);
            for (var i = 0; i < count; i++)
            {
                var name = String();
                var kind = (PropertyKind)Byte();
                var label = NullableString();
                PropertyValue value = kind switch
                {
                    PropertyKind.Null => PropertyValue.Null,
                    PropertyKind.Binary => PropertyValue.Binary(Bytes().ToArray(), label),
                    PropertyKind.String or PropertyKind.Number or PropertyKind.Decimal or PropertyKind.Guid or PropertyKind.Uri
                        => PropertyValue.FromText(kind, String(), label),
                    _ => PropertyValue.FromBits(kind, Int64()),
                };
                items.Add(new(name, value));
            }
            return PropertyBag.From(items);
        }

        private long Int64()
        {
            if (_pos + 8 > _data.Length) throw Truncated();
            var v = BinaryPrimitives.ReadInt64LittleEndian(_data.Slice(_pos, 8));
            _pos += 8;
            return v;
        }

        private static InvalidDataException Truncated() => new("Message metadata is truncated.");
    }
}
