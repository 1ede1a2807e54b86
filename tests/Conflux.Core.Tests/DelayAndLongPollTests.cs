namespace Conflux.Core.Tests;

public sealed class DelayAndLongPollTests
{
    [Fact]
    public async Task Send_QueueDeliveryDelay_HidesMessageUntilDelayPasses()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q", s => s with { DeliveryDelay = TimeSpan.FromSeconds(30) });
        await h.SendAsync("q", "m");

        h.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(await h.ReceiveAsync("q"));
        h.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(await h.ReceiveAsync("q"));
    }

    [Fact]
    public async Task Send_MessageDelay_OverridesQueueDelay()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q", s => s with { DeliveryDelay = TimeSpan.FromSeconds(30) });
        await h.SendAsync("q", "m", delay: TimeSpan.Zero);
        Assert.Single(await h.ReceiveAsync("q"));
    }

    [Fact]
    public async Task LongPoll_MessageArrives_WakesReceiverWithoutTimePassing()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        var receive = h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20));
        Assert.False(receive.IsCompleted);

        await h.SendAsync("q", "late");

        Assert.Equal("late", EngineHarness.Body(Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(10)))));
    }

    [Fact]
    public async Task LongPoll_NothingArrives_ReturnsEmptyAtDeadline()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        var receive = h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20));
        await Task.Yield();

        h.Advance(TimeSpan.FromSeconds(19));
        Assert.False(receive.IsCompleted);
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await receive.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task LongPoll_DelayedMessageBecomesVisible_WakesReceiverAtThatMoment()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "soon", delay: TimeSpan.FromSeconds(5));
        var receive = h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20));
        await Task.Yield();

        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("soon", EngineHarness.Body(Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(10)))));
    }

    [Fact]
    public async Task LongPoll_LeaseExpires_WakesReceiver()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        await h.ReceiveAsync("q", visibility: TimeSpan.FromSeconds(3));
        var receive = h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20));
        await Task.Yield();

        h.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(2, Assert.Single(await receive.WaitAsync(TimeSpan.FromSeconds(10))).DeliveryCount);
    }

    [Fact]
    public async Task LongPoll_ManyReceiversOneMessage_OnlyOneGetsIt()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        var receivers = Enumerable.Range(0, 5).Select(_ => h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20))).ToList();

        await h.SendAsync("q", "only");
        var winner = await Task.WhenAny(receivers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(await winner);
        h.Advance(TimeSpan.FromSeconds(20));
        var all = await Task.WhenAll(receivers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, all.Sum(r => r.Count));
    }

    [Fact]
    public async Task LongPoll_Cancelled_ThrowsAndLeavesNoWaiter()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        using var cts = new CancellationTokenSource();
        var receive = h.Engine.ReceiveAsync("q", new() { WaitTime = TimeSpan.FromSeconds(20) }, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive.WaitAsync(TimeSpan.FromSeconds(10)));
        await h.SendAsync("q", "m");
        Assert.Single(await h.ReceiveAsync("q"));
    }
}

public sealed class ShutdownTests
{
    [Fact]
    public async Task StopWaiting_ParkedLongPoll_ReturnsEmptyAtOnce()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        var receive = h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20));
        Assert.False(receive.IsCompleted);

        h.Engine.StopWaiting();

        Assert.Empty(await receive.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(await h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20)).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
