using System.Text;
using BenchmarkDotNet.Attributes;
using Conflux.Core.Messages;

namespace Conflux.Bench.Micro;

/// <summary>Encoding and decoding the stored form of a message with a few attributes.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly Message _message = new()
    {
        MessageId = Uuid.NewString(),
        Body = new byte[1024],
        GroupId = "group-1",
        Properties = PropertyBag.From([
            new("customer", PropertyValue.String("c-42")),
            new("amount", PropertyValue.Number("12.50")),
            new("blob", PropertyValue.Binary(Encoding.UTF8.GetBytes("payload"))),
        ]),
        SystemProperties = PropertyBag.From([new(SystemProperties.SenderId, PropertyValue.String("AKID"))]),
    };

    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup() => _encoded = MessageCodec.EncodeMetadata(_message);

    [Benchmark]
    public byte[] Encode() => MessageCodec.EncodeMetadata(_message);

    [Benchmark]
    public Message Decode() => MessageCodec.Decode(_encoded, _message.Body, 1);

    [Benchmark]
    public string NewMessageId() => Uuid.NewString();
}
