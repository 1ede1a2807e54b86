using BenchmarkDotNet.Attributes;
using Conflux.Aws.Sqs;
using Conflux.Core.Messages;

namespace Conflux.Bench.Micro;

/// <summary>The per-message digests SQS requires (MD5 of a 1 KiB body, of three attributes).</summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private readonly byte[] _body = new byte[1024];
    private readonly PropertyBag _attributes = PropertyBag.From([
        new("customer", PropertyValue.String("c-42")),
        new("amount", PropertyValue.Number("12.50")),
        new("blob", PropertyValue.Binary([1, 2, 3])),
    ]);

    [Benchmark]
    public string BodyMd5() => Md5Digests.OfBody(_body);

    [Benchmark]
    public string? AttributesMd5() => Md5Digests.OfAttributes(_attributes);

    [Benchmark]
    public bool BodyCharacterRules() => SqsText.IsValid(_text);

    private readonly byte[] _text = System.Text.Encoding.UTF8.GetBytes(new string('a', 1024));
}
