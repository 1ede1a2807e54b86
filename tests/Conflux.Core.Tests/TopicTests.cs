using System.Text;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Tests;

public sealed class TopicTests
{
    private sealed class PrefixFilter(string prefix) : IMessageFilter
    {
        public bool Matches(Message message) => Encoding.UTF8.GetString(message.Body.Span).StartsWith(prefix, StringComparison.Ordinal);
    }

    private sealed class PrefixDialect : IMessageFilterCompiler
    {
        public string Dialect => "prefix";

        public IMessageFilter Compile(string text) => new PrefixFilter(text);
    }

    [Fact]
    public async Task Publish_FansOutToForwardedQueuesAndOwnBuffers_RespectingFilters()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFilterDialect(new PrefixDialect());
        await h.QueueAsync("all");
        await h.QueueAsync("orders-only");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "events" });
        await h.Engine.SubscribeAsync(new SubscriptionDefinition { Id = 0, Name = "", Topic = "events", SubscriptionName = "s1", ForwardTo = "all" });
        await h.Engine.SubscribeAsync(new SubscriptionDefinition { Id = 0, Name = "", Topic = "events", SubscriptionName = "s2", ForwardTo = "orders-only", Filter = new FilterSpec("prefix", "order") });
        await h.Engine.SubscribeAsync(new SubscriptionDefinition { Id = 0, Name = "", Topic = "events", SubscriptionName = "buffered" });

        var first = (await h.Engine.PublishAsync("events", EngineHarness.Draft("order:1"))).Deliveries;
        var second = (await h.Engine.PublishAsync("events", EngineHarness.Draft("invoice:1"))).Deliveries;

        Assert.Equal(3, first);
        Assert.Equal(2, second);
        Assert.Equal(["order:1", "invoice:1"], await h.DrainAsync("all"));
        Assert.Equal(["order:1"], await h.DrainAsync("orders-only"));
        Assert.Equal(["order:1", "invoice:1"], await h.DrainAsync(SubscriptionDefinition.EntityName("events", "buffered")));
    }

    [Fact]
    public async Task Subscriptions_SurviveRestart_AndUnsubscribeStopsDelivery()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("target");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t" });
        await h.Engine.SubscribeAsync(new SubscriptionDefinition { Id = 0, Name = "", Topic = "t", SubscriptionName = "s", ForwardTo = "target" });
        await h.Engine.SubscribeAsync(new SubscriptionDefinition { Id = 0, Name = "", Topic = "t", SubscriptionName = "b" });
        await h.Engine.PublishAsync("t", EngineHarness.Draft("before"));

        await h.RestartAsync();

        Assert.Equal(2, h.Engine.ListSubscriptions("t").Count);
        Assert.Equal(["before"], await h.DrainAsync(SubscriptionDefinition.EntityName("t", "b")));
        await h.Engine.UnsubscribeAsync("t", "s");
        await h.Engine.PublishAsync("t", EngineHarness.Draft("after"));
        Assert.Equal(["before"], await h.DrainAsync("target"));
    }

    [Fact]
    public async Task DeleteTopic_RemovesSubscriptionBuffers()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t" });
        await h.Engine.SubscribeAsync(new SubscriptionDefinition { Id = 0, Name = "", Topic = "t", SubscriptionName = "b" });
        await h.Engine.DeleteTopicAsync("t");

        Assert.Null(h.Engine.GetTopic("t"));
        var error = await Assert.ThrowsAsync<EngineException>(() => h.ReceiveAsync(SubscriptionDefinition.EntityName("t", "b")));
        Assert.Equal(EngineError.EntityNotFound, error.Error);
    }
}
