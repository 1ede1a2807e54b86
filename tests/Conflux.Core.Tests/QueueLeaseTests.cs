using Conflux.Core.Engine;

namespace Conflux.Core.Tests;

public sealed class QueueLeaseTests
{
    [Fact]
    public async Task Receive_AfterSend_ReturnsMessageWithFirstLease()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        var sent = await h.SendAsync("q", "hello");

        var message = Assert.Single(await h.ReceiveAsync("q"));

        Assert.Equal(sent.MessageId, message.Message.MessageId);
        Assert.Equal("hello", EngineHarness.Body(message));
        Assert.Equal(1, message.DeliveryCount);
        Assert.Equal(1, message.Lease.Token);
        Assert.Equal(h.Engine.NowMs() + 30_000, message.VisibleUntilMs);
    }

    [Fact]
    public async Task Receive_EmptyQueue_ReturnsNothing()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        Assert.Empty(await h.ReceiveAsync("q"));
    }

    [Fact]
    public async Task Receive_Leased_InvisibleUntilTimeoutThenRedeliveredWithHigherCount()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        await h.ReceiveAsync("q", visibility: TimeSpan.FromSeconds(10));

        h.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Empty(await h.ReceiveAsync("q"));
        h.Advance(TimeSpan.FromSeconds(0.1));
        var again = Assert.Single(await h.ReceiveAsync("q"));

        Assert.Equal(2, again.DeliveryCount);
        Assert.Equal(2, again.Lease.Token);
    }

    [Fact]
    public async Task Delete_CurrentLease_RemovesMessage()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        var message = Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.Zero));

        Assert.Equal(SettleOutcome.Deleted, await h.Engine.DeleteAsync("q", message.Lease, requireActiveLease: false));
        Assert.Equal(SettleOutcome.NotFound, await h.Engine.DeleteAsync("q", message.Lease, requireActiveLease: false));
        Assert.Empty(await h.ReceiveAsync("q"));
        Assert.Equal(new QueueStats(0, 0, 0), h.Engine.GetStats("q"));
    }

    [Fact]
    public async Task Delete_StaleLease_DeletesOnlyWhenActiveLeaseNotRequired()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        var first = Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.FromSeconds(1)));
        h.Advance(TimeSpan.FromSeconds(1));
        var second = Assert.Single(await h.ReceiveAsync("q"));

        Assert.Equal(SettleOutcome.StaleLease, await h.Engine.DeleteAsync("q", first.Lease, requireActiveLease: true));
        Assert.Equal(SettleOutcome.Deleted, await h.Engine.DeleteAsync("q", first.Lease, requireActiveLease: false));
        Assert.Equal(SettleOutcome.NotFound, await h.Engine.DeleteAsync("q", second.Lease, requireActiveLease: true));
    }

    [Fact]
    public async Task Delete_LapsedLease_ActiveLeaseRequired_ReturnsLeaseExpired()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "m", group: "g");
        var message = Assert.Single(await h.ReceiveAsync("q.fifo", visibility: TimeSpan.FromSeconds(1)));
        h.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(SettleOutcome.LeaseExpired, await h.Engine.DeleteAsync("q.fifo", message.Lease, requireActiveLease: true));
        Assert.Single(await h.ReceiveAsync("q.fifo"));
    }

    [Fact]
    public async Task Delete_LeaseOfOtherEntity_IsNotFound()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("a");
        await h.QueueAsync("b");
        await h.SendAsync("a", "m");
        var message = Assert.Single(await h.ReceiveAsync("a"));

        Assert.Equal(SettleOutcome.NotFound, await h.Engine.DeleteAsync("b", message.Lease, requireActiveLease: false));
    }

    [Fact]
    public async Task ChangeVisibility_ToZero_MakesMessageReceivableAtOnce()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        var message = Assert.Single(await h.ReceiveAsync("q"));

        Assert.Equal(VisibilityOutcome.Changed, await h.Engine.ChangeVisibilityAsync("q", message.Lease, TimeSpan.Zero, requireActiveLease: false));
        Assert.Single(await h.ReceiveAsync("q"));
    }

    [Fact]
    public async Task ChangeVisibility_Extend_KeepsMessageHiddenLonger()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        var message = Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.FromSeconds(5)));

        await h.Engine.ChangeVisibilityAsync("q", message.Lease, TimeSpan.FromSeconds(60), requireActiveLease: true);
        h.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(await h.ReceiveAsync("q"));
        Assert.Equal(new QueueStats(0, 1, 0), h.Engine.GetStats("q"));
        h.Advance(TimeSpan.FromSeconds(30));
        Assert.Single(await h.ReceiveAsync("q"));
    }

    [Fact]
    public async Task ChangeVisibility_BeyondTwelveHoursFromReceive_LimitExceeded()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        var message = Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.FromHours(6)));
        h.Advance(TimeSpan.FromHours(5));

        Assert.Equal(VisibilityOutcome.LimitExceeded, await h.Engine.ChangeVisibilityAsync("q", message.Lease, TimeSpan.FromHours(7.5), requireActiveLease: true));
        Assert.Equal(VisibilityOutcome.Changed, await h.Engine.ChangeVisibilityAsync("q", message.Lease, TimeSpan.FromHours(7), requireActiveLease: true));
    }

    [Fact]
    public async Task ChangeVisibility_DeletedMessage_NotFound()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        var message = Assert.Single(await h.ReceiveAsync("q"));
        await h.Engine.DeleteAsync("q", message.Lease, requireActiveLease: false);

        Assert.Equal(VisibilityOutcome.NotFound, await h.Engine.ChangeVisibilityAsync("q", message.Lease, TimeSpan.FromSeconds(5), requireActiveLease: false));
    }

    [Fact]
    public async Task ChangeVisibility_LapsedLease_RenewedUnlessActiveLeaseRequired()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "m");
        var message = Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.FromSeconds(1)));
        h.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(VisibilityOutcome.NotInFlight, await h.Engine.ChangeVisibilityAsync("q", message.Lease, TimeSpan.FromSeconds(10), requireActiveLease: true));
        Assert.Equal(VisibilityOutcome.Changed, await h.Engine.ChangeVisibilityAsync("q", message.Lease, TimeSpan.FromSeconds(10), requireActiveLease: false));
        Assert.Empty(await h.ReceiveAsync("q"));
        h.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Assert.Single(await h.ReceiveAsync("q")).DeliveryCount);
    }

    [Fact]
    public async Task Receive_MaxInFlightReached_StandardQueueRefuses()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q", s => s with { MaxInFlight = 2 });
        for (var i = 0; i < 3; i++) await h.SendAsync("q", $"m{i}");

        Assert.Equal(2, (await h.ReceiveAsync("q", max: 10)).Count);
        var error = await Assert.ThrowsAsync<EngineException>(() => h.ReceiveAsync("q"));
        Assert.Equal(EngineError.TooManyInFlight, error.Error);
    }

    [Fact]
    public async Task Stats_CountVisibleInFlightAndDelayed()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "a");
        await h.SendAsync("q", "b");
        await h.SendAsync("q", "c", delay: TimeSpan.FromSeconds(5));
        await h.ReceiveAsync("q", max: 1);

        Assert.Equal(new QueueStats(Visible: 1, InFlight: 1, Delayed: 1), h.Engine.GetStats("q"));
    }

    [Fact]
    public async Task Purge_RemovesEveryMessageIncludingInFlight()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        for (var i = 0; i < 5; i++) await h.SendAsync("q", $"m{i}");
        var leased = await h.ReceiveAsync("q", max: 2);

        await h.Engine.PurgeAsync("q");

        Assert.Equal(new QueueStats(0, 0, 0), h.Engine.GetStats("q"));
        Assert.Empty(await h.ReceiveAsync("q"));
        Assert.Equal(SettleOutcome.NotFound, await h.Engine.DeleteAsync("q", leased[0].Lease, requireActiveLease: false));
        await h.SendAsync("q", "after");
        await h.RestartAsync();
        Assert.Equal(["after"], await h.DrainAsync("q"));
    }
}
