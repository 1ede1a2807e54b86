using Conflux.Core.Engine;

namespace Conflux.Core.Tests;

/// <summary>Backlogs larger than the memory window, and restarts on the same storage.</summary>
public sealed class BacklogAndRestartTests
{
    private static readonly EngineOptions SmallWindow = new() { MemoryWindowMessages = 10, PageSize = 4 };

    [Fact]
    public async Task Backlog_BeyondMemoryWindow_IsDeliveredCompletelyAndInOrder()
    {
        await using var h = await EngineHarness.StartAsync(SmallWindow);
        await h.QueueAsync("q");
        for (var i = 0; i < 100; i++) await h.SendAsync("q", $"m{i:D3}");
        Assert.Equal(100, h.Engine.GetStats("q").Visible);

        var received = new List<string>();
        for (var attempts = 0; received.Count < 100 && attempts < 1_000; attempts++)
        {
            var batch = await h.ReceiveAsync("q", max: 3, wait: TimeSpan.FromSeconds(1));
            received.AddRange(batch.Select(EngineHarness.Body));
            await h.Engine.DeleteBatchAsync("q", [.. batch.Select(m => m.Lease)], requireActiveLease: true);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m{i:D3}"), received);
        Assert.Equal(new QueueStats(0, 0, 0), h.Engine.GetStats("q"));
    }

    [Fact]
    public async Task Backlog_FifoGroupsBeyondWindow_KeepPerGroupOrder()
    {
        await using var h = await EngineHarness.StartAsync(SmallWindow);
        await h.FifoAsync("q.fifo");
        for (var i = 0; i < 60; i++) await h.SendAsync("q.fifo", $"{i % 3}:{i:D3}", group: $"g{i % 3}", dedup: $"d{i}");

        var received = new List<string>();
        for (var attempts = 0; received.Count < 60 && attempts < 1_000; attempts++)
        {
            var batch = await h.ReceiveAsync("q.fifo", max: 4, wait: TimeSpan.FromSeconds(1));
            received.AddRange(batch.Select(EngineHarness.Body));
            await h.Engine.DeleteBatchAsync("q.fifo", [.. batch.Select(m => m.Lease)], requireActiveLease: true);
        }

        Assert.Equal(60, received.Count);
        foreach (var group in received.GroupBy(b => b[0]))
            Assert.Equal(group.OrderBy(b => b, StringComparer.Ordinal), group);
    }

    [Fact]
    public async Task Restart_MessagesSurviveWithDeliveryCounts()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "a");
        await h.SendAsync("q", "b");
        await h.ReceiveAsync("q", max: 1, visibility: TimeSpan.Zero);

        await h.RestartAsync();

        var messages = await h.ReceiveAsync("q", max: 10);
        Assert.Equal(["a", "b"], messages.Select(EngineHarness.Body));
        Assert.Equal([2, 1], messages.Select(m => m.DeliveryCount));
    }

    [Fact]
    public async Task Restart_InFlightMessage_StaysHiddenUntilLeaseEndsAndLeaseStillDeletes()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        await h.SendAsync("q", "a");
        await h.SendAsync("q", "b");
        var leased = await h.ReceiveAsync("q", max: 2, visibility: TimeSpan.FromSeconds(60));

        await h.RestartAsync();

        Assert.Equal(new QueueStats(0, 2, 0), h.Engine.GetStats("q"));
        Assert.Equal(SettleOutcome.Deleted, await h.Engine.DeleteAsync("q", leased[0].Lease, requireActiveLease: true));
        h.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("b", EngineHarness.Body(Assert.Single(await h.ReceiveAsync("q"))));
    }

    [Fact]
    public async Task Restart_BacklogBeyondWindow_AllDeliveredOnce()
    {
        await using var h = await EngineHarness.StartAsync(SmallWindow);
        await h.QueueAsync("q");
        for (var i = 0; i < 50; i++) await h.SendAsync("q", $"m{i:D2}");
        var leased = await h.ReceiveAsync("q", max: 5, visibility: TimeSpan.FromSeconds(30));

        await h.RestartAsync();
        h.Advance(TimeSpan.FromSeconds(30));

        var received = new List<string>();
        for (var attempts = 0; received.Count < 50 && attempts < 500; attempts++)
        {
            var batch = await h.ReceiveAsync("q", max: 7, wait: TimeSpan.FromSeconds(1));
            received.AddRange(batch.Select(EngineHarness.Body));
            await h.Engine.DeleteBatchAsync("q", [.. batch.Select(m => m.Lease)], requireActiveLease: true);
        }
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"m{i:D2}").Order(), received.Order());
    }

    [Fact]
    public async Task Restart_SequenceNumbersKeepIncreasingAfterQueueEmptied()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        var first = await h.SendAsync("q", "a");
        await h.DrainAsync("q");
        await h.RestartAsync();
        var second = await h.SendAsync("q", "b");
        Assert.True(second.SequenceNumber > first.SequenceNumber);
    }

    [Fact]
    public async Task DeleteQueue_ThenRecreate_StartsEmptyWithNewIdentity()
    {
        await using var h = await EngineHarness.StartAsync();
        var old = await h.QueueAsync("q");
        await h.SendAsync("q", "old");
        var leased = Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.Zero));
        await h.Engine.DeleteQueueAsync("q");
        Assert.NotNull(h.Engine.LastDeletedAtMs("q"));

        var recreated = await h.QueueAsync("q");
        await h.RestartAsync();
        await h.Engine.HousekeepAsync();

        Assert.NotEqual(old.Id, recreated.Id);
        Assert.Empty(await h.ReceiveAsync("q"));
        Assert.Equal(SettleOutcome.NotFound, await h.Engine.DeleteAsync("q", leased.Lease, requireActiveLease: false));
        Assert.Empty(await h.Store.ReadOrphanEntityIdsAsync());
    }

    [Fact]
    public async Task ReceiveOnDeletedQueue_ParkedReceiverFailsWithNotFound()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q");
        var receive = h.ReceiveAsync("q", wait: TimeSpan.FromSeconds(20));
        await h.Engine.DeleteQueueAsync("q");
        var error = await Assert.ThrowsAsync<EngineException>(() => receive.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(EngineError.EntityNotFound, error.Error);
    }
}
