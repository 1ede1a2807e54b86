using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
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
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var any = false;
        foreach (var (name, value) in attributes)
        {
            any = true;
            var (dataType, binary, text) = SqsAttributeValues.Describe(value);
            AppendString(md5, name);
            AppendString(md5, dataType);
            if (binary is not null)
            {
                md5.AppendData([2]);
                AppendBytes(md5, binary.Value.Span);
            }
            else
            {
                md5.AppendData([1]);
                AppendString(md5, text!);
            }
        }
        if (!any) return null;
        Span<byte> hash = stackalloc byte[16];
        md5.GetHashAndReset(hash);
        return Convert.ToHexStringLower(hash);
    }

    private static void AppendString(IncrementalHash md5, string value) => AppendBytes(md5, Encoding.UTF8.GetBytes(value));

    private static void AppendBytes(IncrementalHash md5, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
        md5.AppendData(length);
        md5.AppendData(value);
    }
}
