using System.Buffers;
using System.Buffers.Text;

namespace Conflux.Bench.Client;

/// <summary>
/// A pre-built request whose message bodies start with a 19-digit Stopwatch timestamp, patched in place
/// before each send so consumers (in this same process) can measure send-to-delete latency cheaply.
/// Each producer owns its copy.
/// </summary>
internal sealed class StampedBody
{
    public const int StampLength = 19;
    private static readonly StandardFormat Digits = new('D', StampLength);
    private readonly int[] _offsets;

    public StampedBody(byte[] bytes, int[] offsets)
    {
        Bytes = bytes;
        _offsets = offsets;
    }

    public byte[] Bytes { get; }

    public StampedBody Copy() => new((byte[])Bytes.Clone(), _offsets);

    public void Stamp(long timestamp)
    {
        foreach (var offset in _offsets) Utf8Formatter.TryFormat(timestamp, Bytes.AsSpan(offset, StampLength), out _, Digits);
    }

    /// <summary>Reads a stamp back from a received body; 0 means none (pre-filled or canned messages).</summary>
    public static long Read(ReadOnlySpan<byte> body) =>
        body.Length > StampLength && Utf8Parser.TryParse(body[..StampLength], out long stamp, out var consumed) && consumed == StampLength ? stamp : 0;
}
