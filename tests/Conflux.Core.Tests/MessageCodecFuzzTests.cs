using System.Text;
using Conflux.Core.Messages;

namespace Conflux.Core.Tests;

/// <summary>Corrupt or truncated stored metadata must fail cleanly, never with an unexpected exception.</summary>
public sealed class MessageCodecFuzzTests
{
    private static readonly byte[] Valid = MessageCodec.EncodeMetadata(new Message
    {
        MessageId = "id",
        Body = Encoding.UTF8.GetBytes("body"),
        GroupId = "g",
        Properties = PropertyBag.From([
            new("s", PropertyValue.String("x", "label")),
            new("b", PropertyValue.Binary([1, 2, 3])),
            new("i", PropertyValue.Int64(42)),
        ]),
    });

    [Fact]
    public void Decode_RandomBytes_ThrowsOnlyInvalidData()
    {
        var random = new Random(1234);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && random.Next(2) == 0) bytes[0] = 1;
            AssertDecodesOrRejects(bytes);
        }
    }

    [Fact]
    public void Decode_MutatedAndTruncatedValidMetadata_ThrowsOnlyInvalidData()
    {
        var random = new Random(99);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = (byte[])Valid.Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            AssertDecodesOrRejects(bytes.AsSpan(0, random.Next(bytes.Length + 1)).ToArray());
        }
    }

    [Fact]
    public void Decode_Valid_RoundTrips()
    {
        var message = MessageCodec.Decode(Valid, Encoding.UTF8.GetBytes("body"), 7);
        Assert.Equal("id", message.MessageId);
        Assert.Equal(7, message.SequenceNumber);
        Assert.Equal("label", Assert.Single(message.Properties, p => p.Key == "s").Value.Label);
    }

    private static void AssertDecodesOrRejects(byte[] bytes)
    {
        try
        {
            MessageCodec.Decode(bytes, ReadOnlyMemory<byte>.Empty, 1);
        }
        catch (InvalidDataException)
        {
        }
    }
}

public sealed class UuidTests
{
    [Fact]
    public void NewString_IsVersion4VariantOneAndUnique()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var id = Uuid.NewString();
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
            Assert.True(seen.Add(id));
        }
    }
}
