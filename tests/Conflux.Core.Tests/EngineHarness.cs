using System.Text;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Core.Storage;
using Conflux.Storage.Memory;
using Microsoft.Extensions.Time.Testing;

namespace Conflux.Core.Tests;

/// <summary>An engine on in-memory storage and fake time, with small builders for scenarios.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(FakeTimeProvider time, IMessageStore store, EngineOptions options, MessagingEngine engine)
    {
        Time = time;
        Store = store;
        Options = options;
        Engine = engine;
    }

    public FakeTimeProvider Time { get; }

    public IMessageStore Store { get; }

    public EngineOptions Options { get; }

    public MessagingEngine Engine { get; private set; }

    public static async Task<EngineHarness> StartAsync(EngineOptions? options = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new MemoryMessageStore();
        options ??= new EngineOptions();
        var engine = await MessagingEngine.StartAsync(store, options, time);
        return new EngineHarness(time, store, options, engine);
    }

    /// <summary>Stops the engine and starts a new one on the same storage, as a crash-free restart would.</summary>
    public async Task RestartAsync()
    {
        await Engine.DisposeAsync();
        Engine = await MessagingEngine.StartAsync(Store, Options, Time);
    }

    public async Task<QueueDefinition> QueueAsync(string name, Func<QueueSettings, QueueSettings>? configure = null)
    {
        var settings = configure?.Invoke(new QueueSettings()) ?? new QueueSettings();
        var (definition, _) = await Engine.CreateQueueAsync(new QueueDefinition { Id = 0, Name = name, Settings = settings });
        return definition;
    }

    public Task<QueueDefinition> FifoAsync(string name, Func<QueueSettings, QueueSettings>? configure = null) =>
        QueueAsync(name, s => (configure ?? (x => x))(s with { Ordered = true, RequiresDeduplication = true, ContentBasedDeduplication = true }));

    public Task<SendResult> SendAsync(string queue, string body, string? group = null, string? dedup = null, TimeSpan? delay = null) =>
        Engine.SendAsync(queue, Draft(body, group, dedup, delay));

    public static MessageDraft Draft(string body, string? group = null, string? dedup = null, TimeSpan? delay = null) => new()
    {
        Body = Encoding.UTF8.GetBytes(body),
        GroupId = group,
        DeduplicationId = dedup,
        Delay = delay,
    };

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int max = 10, TimeSpan? visibility = null, TimeSpan? wait = null, string? attemptId = null) =>
        Engine.ReceiveAsync(queue, new ReceiveOptions
        {
            MaxMessages = max,
            VisibilityTimeout = visibility,
            WaitTime = wait ?? TimeSpan.Zero,
            AttemptId = attemptId,
        });

    public async Task<List<string>> DrainAsync(string queue, int max = 10)
    {
        var bodies = new List<string>();
        while (true)
        {
            var batch = await ReceiveAsync(queue, max);
            if (batch.Count == 0) return bodies;
            bodies.AddRange(batch.Select(Body));
            await Engine.DeleteBatchAsync(queue, [.. batch.Select(m => m.Lease)], requireActiveLease: true);
        }
    }

    public void Advance(TimeSpan by) => Time.Advance(by);

    public static string Body(ReceivedMessage message) => Encoding.UTF8.GetString(message.Message.Body.Span);

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
