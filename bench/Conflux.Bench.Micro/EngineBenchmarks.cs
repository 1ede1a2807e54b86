using BenchmarkDotNet.Attributes;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Storage.Memory;

namespace Conflux.Bench.Micro;

/// <summary>
/// The engine's own cost per message (send, receive, delete) on in-memory storage: what the core adds
/// on top of protocol parsing and the durable commit.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private MessagingEngine _engine = null!;
    private readonly MessageDraft _draft = new() { Body = new byte[1024] };
    private readonly ReceiveOptions _receive = new() { MaxMessages = 10, WaitTime = TimeSpan.Zero };

    [GlobalSetup]
    public async Task Setup()
    {
        _engine = await MessagingEngine.StartAsync(new MemoryMessageStore());
        await _engine.CreateQueueAsync(new QueueDefinition { Id = 0, Name = "q" });
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _engine.DisposeAsync();

    [Benchmark(OperationsPerInvoke = 10)]
    public async Task SendReceiveDeleteTen()
    {
        await _engine.SendBatchAsync("q", [_draft, _draft, _draft, _draft, _draft, _draft, _draft, _draft, _draft, _draft]);
        var received = await _engine.ReceiveAsync("q", _receive);
        await _engine.DeleteBatchAsync("q", [.. received.Select(m => m.Lease)], requireActiveLease: false);
    }
}
