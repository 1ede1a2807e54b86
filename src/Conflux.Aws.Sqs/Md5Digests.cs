using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Conflux.Aws.Protocol;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sqs;

/// <summary>
/// The digests SQS returns and SDKs verify: MD5 of the body, and MD5 of message (or system)
/// attributes in SQS's canonical encoding — for each attribute in name order: length-prefixed name,
/// length-prefixed data type, a transport byte (1 string/number, 2 binary), length-prefixed value.
/// </summary>
internal static class Md5Digests
{
    public static string OfBody(ReadOnlySpan<byte> utf8Body)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(utf8Body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Digest of the given attributes (already in ordinal name order, as <see cref="PropertyBag"/> keeps them).</summary>
    public static string? OfAttributes(IEnumerable<KeyValuePair<string, PropertyValue>> attributes)
    {
        // Serialise once into a pooled buffer and hash that: an incremental hash costs an OpenSSL
        // context per call, several times the hashing itself for a few small attributes.
        var buffer = new PooledBufferWriter(512);
        try
        {
            var any = false;
            foreach (var (name, value) in attributes)
            {
                any = true;
                var (dataType, binary, text) = SqsAttributeValues.Describe(value);
                AppendString(buffer, name);
                AppendString(buffer, dataType);
                if (binary is not null)
                {
                    Append(buffer, [2]);
                    AppendBytes(buffer, binary.Value.Span);
                }
                else
                {
                    Append(buffer, [1]);
                    AppendString(buffer, text!);
                }
            }
            if (!any) return null;
            return OfBody(buffer.WrittenSpan);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private static void Append(PooledBufferWriter buffer, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.GetSpan(bytes.Length));
        buffer.Advance(bytes.Length);
    }

    private static void AppendString(PooledBufferWriter buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var span = buffer.GetSpan(4 + length);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        Encoding.UTF8.GetBytes(value, span[4..]);
        buffer.Advance(4 + length);
    }

    private static void AppendBytes(PooledBufferWriter buffer, ReadOnlySpan<byte> value)
    {
        var span = buffer.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
        buffer.Advance(4 + value.Length);
    }
}
