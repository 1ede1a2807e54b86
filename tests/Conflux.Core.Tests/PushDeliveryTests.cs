using System.Collections.Concurrent;
using System.Text;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Testing;

namespace Conflux.Core.Tests;

public sealed class PushDeliveryTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>A scripted endpoint: records every attempt and answers with <see cref="Behaviour"/>.</summary>
    private sealed class ScriptedTarget : IPushTarget
    {
        public ConcurrentQueue<(string Body, int Attempt)> Calls { get; } = new();

        public Func<string, int, Task<PushResult>> Behaviour { get; set; } = (_, _) => Task.FromResult(PushResult.Delivered);

        public int? MaxPerSecond { get; init; }

        public int Retries { get; init; } = 3;

        public async Task<PushResult> DeliverAsync(Message message, int attempt, CancellationToken cancellationToken)
        {
            var body = Encoding.UTF8.GetString(message.Body.Span);
            Calls.Enqueue((body, attempt));
            return await Behaviour(body, attempt).WaitAsync(cancellationToken);
        }

        // SNS's default HTTP policy shape: a fixed 20 s between tries.
        public TimeSpan? RetryDelay(int retry)
        {
            Interlocked.Increment(ref _retryDecisions);
            return retry <= Retries ? TimeSpan.FromSeconds(20) : null;
        }

        /// <summary>How many failed attempts the loop has asked about: the clock may move only once it has re-timed the copy.</summary>
        public int RetryDecisions => Volatile.Read(ref _retryDecisions);

        private int _retryDecisions;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Factory(Dictionary<string, ScriptedTarget> targets) : IPushTargetFactory
    {
        public string Dialect => "test";

        public IPushTarget Create(SubscriptionDefinition subscription) => targets[subscription.SubscriptionName];
    }

    private static async Task<EngineHarness> StartAsync(Dictionary<string, ScriptedTarget> targets, params string[] subscriptions)
    {
        var h = await EngineHarness.StartAsync();
        await h.QueueAsync("dlq");
        await h.Engine.CreateTopicAsync(new TopicDefinition { Id = 0, Name = "t" });
        foreach (var name in subscriptions)
        {
            await h.Engine.SubscribeAsync(new SubscriptionDefinition
            {
                Id = 0,
                Name = "",
                Topic = "t",
                SubscriptionName = name,
                Push = "test",
                Settings = new QueueSettings { DeadLetter = name.StartsWith("dl", StringComparison.Ordinal) ? new DeadLetterPolicy("dlq", int.MaxValue) : null },
            });
        }
        await h.Engine.Push.RegisterAsync(new Factory(targets));
        return h;
    }

    private static Task<bool> Until(Func<bool> condition) => Eventually.TrueAsync(condition, Settle);

    [Fact]
    public async Task Push_EndpointAccepts_CopyDeliveredOnceAndRemoved()
    {
        var target = new ScriptedTarget();
        await using var h = await StartAsync(new() { ["s"] = target }, "s");

        await h.Engine.PublishAsync("t", EngineHarness.Draft("hello"));

        Assert.True(await Until(() => target.Calls.Count == 1));
        Assert.True(await Until(() => h.Engine.GetStats(SubscriptionDefinition.EntityName("t", "s")) == default));
        Assert.Equal(("hello", 1), Assert.Single(target.Calls));
    }

    [Fact]
    public async Task Push_EndpointKeepsFailing_RetriesOnScheduleThenDeadLetters()
    {
        var target = new ScriptedTarget { Behaviour = (_, _) => Task.FromResult(PushResult.Retry("HTTP 500")) };
        await using var h = await StartAsync(new() { ["dl"] = target }, "dl");

        await h.Engine.PublishAsync("t", EngineHarness.Draft("doomed"));
        Assert.True(await Until(() => target.Calls.Count == 1));
        for (var attempt = 2; attempt <= 4; attempt++)
        {
            // The lease is re-timed from "now" right after the retry decision; moving the clock before that would shift the schedule.
            Assert.True(await Until(() => target.RetryDecisions == attempt - 1));
            await Task.Delay(50);
            h.Advance(TimeSpan.FromSeconds(19));
            await Task.Delay(50);
            Assert.Equal(attempt - 1, target.Calls.Count);
            h.Advance(TimeSpan.FromSeconds(2));
            Assert.True(await Until(() => target.Calls.Count == attempt), $"attempt {attempt}");
        }

        Assert.True(await Until(() => h.Engine.GetStats("dlq").Visible == 1));
        var dead = Assert.Single(await h.ReceiveAsync("dlq"));
        Assert.Equal("doomed", EngineHarness.Body(dead));
        Assert.Equal([1, 2, 3, 4], target.Calls.Select(c => c.Attempt));
    }

    [Fact]
    public async Task Push_PermanentFailureWithoutDeadLetterQueue_DropsTheCopy()
    {
        var target = new ScriptedTarget { Behaviour = (_, _) => Task.FromResult(PushResult.Permanent("gone")) };
        await using var h = await StartAsync(new() { ["s"] = target }, "s");

        await h.Engine.PublishAsync("t", EngineHarness.Draft("x"));

        Assert.True(await Until(() => target.Calls.Count == 1));
        Assert.True(await Until(() => h.Engine.GetStats(SubscriptionDefinition.EntityName("t", "s")) == default));
    }

    [Fact]
    public async Task Push_DeadLetterQueueDeleted_RejectedCopyIsDroppedNotRetried()
    {
        var target = new ScriptedTarget { Behaviour = (_, _) => Task.FromResult(PushResult.Permanent("HTTP 400")) };
        await using var h = await StartAsync(new() { ["dl"] = target }, "dl");
        await h.Engine.DeleteQueueAsync("dlq");

        await h.Engine.PublishAsync("t", EngineHarness.Draft("orphan"));

        Assert.True(await Until(() => target.Calls.Count == 1));
        Assert.True(await Until(() => h.Engine.GetStats(SubscriptionDefinition.EntityName("t", "dl")) == default));
        h.Advance(TimeSpan.FromMinutes(3));
        await Task.Delay(100);
        Assert.Single(target.Calls);
    }

    [Fact]
    public async Task Push_OneEndpointHangs_OtherSubscriptionStillDelivers()
    {
        var hang = new TaskCompletionSource<PushResult>();
        var stuck = new ScriptedTarget { Behaviour = (_, _) => hang.Task };
        var healthy = new ScriptedTarget();
        await using var h = await StartAsync(new() { ["stuck"] = stuck, ["healthy"] = healthy }, "stuck", "healthy");

        for (var i = 0; i < 50; i++) await h.Engine.PublishAsync("t", EngineHarness.Draft($"m{i}"));

        Assert.True(await Until(() => healthy.Calls.Count == 50));
        Assert.True(stuck.Calls.Count <= 16, "in-flight pushes per subscription are bounded");
        hang.SetResult(PushResult.Delivered);
        Assert.True(await Until(() => stuck.Calls.Count == 50));
    }

    [Fact]
    public async Task Push_Throttled_SpacesDeliveriesOnTheClock()
    {
        var target = new ScriptedTarget { MaxPerSecond = 2 };
        await using var h = await StartAsync(new() { ["s"] = target }, "s");

        for (var i = 0; i < 6; i++) await h.Engine.PublishAsync("t", EngineHarness.Draft($"m{i}"));
        Assert.True(await Until(() => target.Calls.Count == 1));
        await Task.Delay(100);
        Assert.Single(target.Calls);

        for (var step = 0; step < 5; step++)
        {
            h.Advance(TimeSpan.FromMilliseconds(500));
            Assert.True(await Until(() => target.Calls.Count == step + 2), $"step {step}");
        }
    }

    [Fact]
    public async Task Push_UndeliveredCopy_IsPushedAfterRestart()
    {
        var before = new ScriptedTarget { Behaviour = (_, _) => Task.FromResult(PushResult.Retry("down")) };
        var after = new ScriptedTarget();
        var targets = new Dictionary<string, ScriptedTarget> { ["s"] = before };
        await using var h = await StartAsync(targets, "s");
        await h.Engine.PublishAsync("t", EngineHarness.Draft("survivor"));
        Assert.True(await Until(() => before.Calls.Count == 1));

        await h.RestartAsync();
        targets["s"] = after;
        await h.Engine.Push.RegisterAsync(new Factory(targets));
        h.Advance(TimeSpan.FromSeconds(21));

        Assert.True(await Until(() => after.Calls.Count == 1));
        Assert.Equal("survivor", after.Calls.Single().Body);
    }
}
