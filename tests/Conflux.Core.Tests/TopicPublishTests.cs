using System.Text;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Tests;

public sealed class TopicPublishTests
{
    /// <summary>Wraps each copy as "[subscription|n]body" where n counts Prepare calls per publish.</summary>
    private sealed class CountingRenderer : IDeliveryRenderer
    {
        public int Prepared { get; private set; }

        public string Dialect => "wrap";

        public Message Render(Message published, TopicDefinition topic, SubscriptionDefinition subscription, ref object? publishState)
        {
            if (publishState is null)
            {
                Prepared++;
                publishState = Prepared;
            }
            var body = $"[{subscription.SubscriptionName}|{publishState}]{Encoding.UTF8.GetString(published.Body.Span)}";
            return published with { Body = Encoding.UTF8.GetBytes(body) };
        }
    }

    private static SubscriptionDefinition Sub(string topic, string name, string? forwardTo = null) =>
        new() { Id = 0, Name = "", Topic = topic, SubscriptionName = name, ForwardTo = forwardTo };

    [Fact]
    public async Task Publish_InactiveSubscription_IsSkippedUntilActivated()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t" });
        var pending = await h.Engine.SubscribeAsync(Sub("t", "s", "q") with { Active = false });

        Assert.Equal(0, (await h.Engine.PublishAsync("t", EngineHarness.Draft("early"))).Deliveries);
        await h.Engine.SubscribeAsync(pending with { Active = true });
        await h.Engine.PublishAsync("t", EngineHarness.Draft("late"));

        Assert.Equal(["late"], await h.DrainAsync("q"));
    }

    [Fact]
    public async Task Publish_Renderer_RendersEachCopyWithOneSharedPreparation()
    {
        await using var h = await EngineHarness.StartAsync();
        var renderer = new CountingRenderer();
        h.Engine.RegisterRenderer(renderer);
        await h.QueueAsync("a");
        await h.QueueAsync("b");
        await h.QueueAsync("raw");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t" });
        await h.Engine.SubscribeAsync(Sub("t", "sa", "a") with { Renderer = "wrap" });
        await h.Engine.SubscribeAsync(Sub("t", "sraw", "raw"));
        await h.Engine.SubscribeAsync(Sub("t", "sb", "b") with { Renderer = "wrap" });

        await h.Engine.PublishAsync("t", EngineHarness.Draft("m"));

        Assert.Equal(1, renderer.Prepared);
        Assert.Equal(["[sa|1]m"], await h.DrainAsync("a"));
        Assert.Equal(["[sb|1]m"], await h.DrainAsync("b"));
        Assert.Equal(["m"], await h.DrainAsync("raw"));
    }

    [Fact]
    public async Task Publish_DeduplicatingTopic_RepeatReturnsOriginalEvenAfterRestart()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t.fifo", Ordered = true, RequiresDeduplication = true });
        await h.Engine.SubscribeAsync(Sub("t.fifo", "s", "q.fifo"));

        var first = await h.Engine.PublishAsync("t.fifo", EngineHarness.Draft("x", group: "g", dedup: "d1"));
        await h.RestartAsync();
        var repeat = await h.Engine.PublishAsync("t.fifo", EngineHarness.Draft("x", group: "g", dedup: "d1"));
        var next = await h.Engine.PublishAsync("t.fifo", EngineHarness.Draft("y", group: "g", dedup: "d2"));

        Assert.True(repeat.Duplicate);
        Assert.Equal(first.MessageId, repeat.MessageId);
        Assert.Equal(first.SequenceNumber, repeat.SequenceNumber);
        Assert.True(next.SequenceNumber > first.SequenceNumber);
        Assert.Equal(["x", "y"], await h.DrainAsync("q.fifo"));
    }

    [Fact]
    public async Task Publish_DeduplicationWindowPassed_AcceptsTheSameIdAgain()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t.fifo", Ordered = true, RequiresDeduplication = true, ContentBasedDeduplication = true });
        await h.Engine.SubscribeAsync(Sub("t.fifo", "b"));

        await h.Engine.PublishAsync("t.fifo", EngineHarness.Draft("same", group: "g"));
        Assert.True((await h.Engine.PublishAsync("t.fifo", EngineHarness.Draft("same", group: "g"))).Duplicate);
        h.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.False((await h.Engine.PublishAsync("t.fifo", EngineHarness.Draft("same", group: "g"))).Duplicate);
    }

    [Fact]
    public async Task Publish_OrderedTopicWithoutGroup_IsRefused()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t.fifo", Ordered = true, RequiresDeduplication = true, ContentBasedDeduplication = true });

        var error = await Assert.ThrowsAsync<EngineException>(() => h.Engine.PublishAsync("t.fifo", EngineHarness.Draft("x")));
        Assert.Equal(EngineError.GroupIdRequired, error.Error);
    }

    [Fact]
    public async Task Publish_ConcurrentIntoOrderedTopic_KeepsSequenceOrderInTarget()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t.fifo", Ordered = true, RequiresDeduplication = true, ContentBasedDeduplication = true });
        await h.Engine.SubscribeAsync(Sub("t.fifo", "s", "q.fifo"));

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => h.Engine.PublishAsync("t.fifo", EngineHarness.Draft($"{i}", group: "g")))));

        var bySequence = results.Zip(Enumerable.Range(0, 200)).OrderBy(r => r.First.SequenceNumber).Select(r => $"{r.Second}").ToList();
        Assert.Equal(bySequence, await h.DrainAsync("q.fifo"));
    }

    [Fact]
    public async Task Publish_TargetQueueGone_CopyGoesToSubscriptionDeadLetterQueue()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("target");
        await h.QueueAsync("dlq");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t" });
        await h.Engine.SubscribeAsync(Sub("t", "s", "target") with { Settings = new QueueSettings { DeadLetter = new DeadLetterPolicy("dlq", int.MaxValue) } });
        await h.Engine.DeleteQueueAsync("target");

        await h.Engine.PublishAsync("t", EngineHarness.Draft("lost"));

        var received = Assert.Single(await h.ReceiveAsync("dlq"));
        Assert.Equal("lost", EngineHarness.Body(received));
        Assert.True(received.Message.SystemProperties.TryGet(SystemProperties.DeadLetterReason, out var reason));
        Assert.Equal("TargetNotFound", reason.Text);
    }
}
