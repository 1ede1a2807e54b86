using Conflux.Core.Engine;

namespace Conflux.Aws.Sqs.Tests.Unit;

public sealed class ReceiptHandlesTests
{
    private readonly ReceiptHandles _handles = new([.. Enumerable.Range(0, 32).Select(i => (byte)i)]);

    [Fact]
    public void Encode_ThenDecode_RoundTrips()
    {
        var lease = new LeaseToken(42, 1_234_567_890_123, 7);
        Assert.True(_handles.TryDecode(_handles.Encode(lease), out var decoded));
        Assert.Equal(lease, decoded);
    }

    [Fact]
    public void Decode_TamperedOrForeignKey_Rejected()
    {
        var handle = _handles.Encode(new LeaseToken(1, 2, 3));
        var tampered = (handle[5] == 'A' ? 'B' : 'A') + handle[1..];
        Assert.False(_handles.TryDecode(handle[..^1] + (handle[^1] == 'A' ? 'B' : 'A'), out _));
        Assert.False(_handles.TryDecode(tampered[..5] + handle[5..], out _) && tampered != handle);
        Assert.False(new ReceiptHandles(new byte[32]).TryDecode(handle, out _));
    }

    [Fact]
    public void Decode_RandomStrings_NeverThrows()
    {
        var random = new Random(7);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= .%\u00e9";
        for (var i = 0; i < 20_000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 120)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.False(_handles.TryDecode(text, out _) && text.Length != 42);
        }
    }
}
