using System.Buffers.Binary;
using System.Security.Cryptography;
using Conflux.Core.Engine;

namespace Conflux.Aws.Sqs;

/// <summary>
/// Receipt handles carry the engine's lease (entity, sequence number, lease token) and a MAC under a
/// key kept in the data directory, so a handle survives restarts but cannot be forged or mistyped
/// into deleting another message.
/// </summary>
internal sealed class ReceiptHandles(byte[] key)
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + 8 + 8 + 4;
    private const int MacLength = 10;

    public string Encode(LeaseToken lease)
    {
        Span<byte> raw = stackalloc byte[PayloadLength + MacLength];
        raw[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(raw[1..], lease.EntityId);
        BinaryPrimitives.WriteInt64BigEndian(raw[9..], lease.SequenceNumber);
        BinaryPrimitives.WriteInt32BigEndian(raw[17..], lease.Token);
        Mac(raw[..PayloadLength], raw[PayloadLength..]);
        return Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public bool TryDecode(string handle, out LeaseToken lease)
    {
        lease = default;
        if (handle.Length is 0 or > 100) return false;
        Span<byte> raw = stackalloc byte[75];
        var base64 = handle.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        if (!Convert.TryFromBase64String(base64, raw, out var written) || written != PayloadLength + MacLength || raw[0] != Version) return false;
        Span<byte> expected = stackalloc byte[MacLength];
        Mac(raw[..PayloadLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw.Slice(PayloadLength, MacLength))) return false;
        lease = new LeaseToken(
            BinaryPrimitives.ReadInt64BigEndian(raw[1..]),
            BinaryPrimitives.ReadInt64BigEndian(raw[9..]),
            BinaryPrimitives.ReadInt32BigEndian(raw[17..]));
        return true;
    }

    private void Mac(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, payload, full);
        full[..destination.Length].CopyTo(destination);
    }
}
