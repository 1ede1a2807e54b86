using Conflux.Core.Engine;
using Conflux.Core.Entities;

namespace Conflux.Core.Tests;

public sealed class FifoTests
{
    [Fact]
    public async Task Receive_OneGroup_InOrderAndBlockedWhileAnyIsInFlight()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        for (var i = 1; i <= 4; i++) await h.SendAsync("q.fifo", $"m{i}", group: "g");

        var first = await h.ReceiveAsync("q.fifo", max: 2);
        Assert.Equal(["m1", "m2"], first.Select(EngineHarness.Body));
        Assert.Empty(await h.ReceiveAsync("q.fifo"));

        await h.Engine.DeleteAsync("q.fifo", first[0].Lease, requireActiveLease: true);
        Assert.Empty(await h.ReceiveAsync("q.fifo"));
        await h.Engine.DeleteAsync("q.fifo", first[1].Lease, requireActiveLease: true);
        Assert.Equal(["m3", "m4"], await h.DrainAsync("q.fifo"));
    }

    [Fact]
    public async Task Receive_LeaseExpires_GroupRedeliversFromTheSameMessage()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "m1", group: "g");
        await h.SendAsync("q.fifo", "m2", group: "g");
        await h.ReceiveAsync("q.fifo", max: 1, visibility: TimeSpan.FromSeconds(5));

        h.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["m1", "m2"], (await h.ReceiveAsync("q.fifo", max: 10)).Select(EngineHarness.Body));
    }

    [Fact]
    public async Task Receive_SeveralGroups_DrainsOneGroupThenTheNextOldest()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "a1", group: "a");
        await h.SendAsync("q.fifo", "b1", group: "b");
        await h.SendAsync("q.fifo", "a2", group: "a");
        await h.SendAsync("q.fifo", "b2", group: "b");

        Assert.Equal(["a1", "a2", "b1"], (await h.ReceiveAsync("q.fifo", max: 3)).Select(EngineHarness.Body));
        Assert.Empty(await h.ReceiveAsync("q.fifo"));
    }

    [Fact]
    public async Task Receive_BlockedGroup_OtherGroupsStillFlow()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "a1", group: "a");
        await h.SendAsync("q.fifo", "a2", group: "a");
        await h.SendAsync("q.fifo", "b1", group: "b");
        Assert.Equal("a1", EngineHarness.Body(Assert.Single(await h.ReceiveAsync("q.fifo", max: 1))));

        Assert.Equal("b1", EngineHarness.Body(Assert.Single(await h.ReceiveAsync("q.fifo", max: 10))));
    }

    [Fact]
    public async Task Send_SameDeduplicationIdWithinWindow_ReturnsOriginalAndStoresOnce()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        var first = await h.SendAsync("q.fifo", "one", group: "g", dedup: "d");
        var second = await h.SendAsync("q.fifo", "two", group: "g", dedup: "d");

        Assert.True(second.Duplicate);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.Equal(["one"], await h.DrainAsync("q.fifo"));

        Assert.True((await h.SendAsync("q.fifo", "three", group: "g", dedup: "d")).Duplicate);
        h.Advance(TimeSpan.FromMinutes(5));
        Assert.False((await h.SendAsync("q.fifo", "four", group: "g", dedup: "d")).Duplicate);
    }

    [Fact]
    public async Task Send_ContentBasedDeduplication_UsesBodyHash()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "same", group: "g1");
        Assert.True((await h.SendAsync("q.fifo", "same", group: "g2")).Duplicate);
        Assert.False((await h.SendAsync("q.fifo", "different", group: "g1")).Duplicate);
    }

    [Fact]
    public async Task Send_GroupScopedDeduplication_SameIdInOtherGroupIsNew()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo", s => s with { DeduplicationScope = DeduplicationScope.Group });
        await h.SendAsync("q.fifo", "x", group: "g1", dedup: "d");
        Assert.False((await h.SendAsync("q.fifo", "x", group: "g2", dedup: "d")).Duplicate);
        Assert.True((await h.SendAsync("q.fifo", "x", group: "g1", dedup: "d")).Duplicate);
    }

    [Fact]
    public async Task Send_NoGroupOrDeduplicationId_Rejected()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo", s => s with { ContentBasedDeduplication = false });
        var noGroup = await Assert.ThrowsAsync<EngineException>(() => h.SendAsync("q.fifo", "x"));
        Assert.Equal(EngineError.GroupIdRequired, noGroup.Error);
        var noDedup = await Assert.ThrowsAsync<EngineException>(() => h.SendAsync("q.fifo", "x", group: "g"));
        Assert.Equal(EngineError.DeduplicationIdRequired, noDedup.Error);
    }

    [Fact]
    public async Task Dedup_SurvivesRestart()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        var first = await h.SendAsync("q.fifo", "one", group: "g", dedup: "d");
        await h.RestartAsync();
        var again = await h.SendAsync("q.fifo", "one", group: "g", dedup: "d");
        Assert.True(again.Duplicate);
        Assert.Equal(first.MessageId, again.MessageId);
    }

    [Fact]
    public async Task Receive_SameAttemptIdWhileLeased_ReturnsSameMessagesAndLeases()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "a", group: "g1");
        await h.SendAsync("q.fifo", "b", group: "g2");

        var first = await h.ReceiveAsync("q.fifo", max: 1, attemptId: "attempt-1");
        var retry = await h.ReceiveAsync("q.fifo", max: 1, attemptId: "attempt-1");
        var other = await h.ReceiveAsync("q.fifo", max: 1, attemptId: "attempt-2");

        Assert.Equal(first.Select(m => m.Lease), retry.Select(m => m.Lease));
        Assert.NotEqual(first[0].Message.MessageId, Assert.Single(other).Message.MessageId);
    }

    [Fact]
    public async Task Receive_AttemptIdAfterDelete_ReceivesNewMessages()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "a", group: "g");
        await h.SendAsync("q.fifo", "b", group: "g");
        var first = Assert.Single(await h.ReceiveAsync("q.fifo", max: 1, attemptId: "x"));
        await h.Engine.DeleteAsync("q.fifo", first.Lease, requireActiveLease: true);

        Assert.Equal("b", EngineHarness.Body(Assert.Single(await h.ReceiveAsync("q.fifo", max: 1, attemptId: "x"))));
    }

    [Theory]
    [InlineData(0, new string[0])]
    [InlineData(1, new[] { "foo" })]
    [InlineData(2, new[] { "foo", "bar" })]
    public async Task Receive_OneLeaseExtended_OnlyMessagesBehindItStayBlocked(int extended, string[] expected)
    {
        // The case AWS was recorded on: three messages of one group leased for 1 s, one extended to 4 s.
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo", s => s with { VisibilityTimeout = TimeSpan.FromSeconds(1) });
        foreach (var body in new[] { "foo", "bar", "baz" }) await h.SendAsync("q.fifo", body, group: "1");
        var all = await h.ReceiveAsync("q.fifo", max: 5);
        Assert.Equal(["foo", "bar", "baz"], all.Select(EngineHarness.Body));

        await h.Engine.ChangeVisibilityAsync("q.fifo", all[extended].Lease, TimeSpan.FromSeconds(4), requireActiveLease: true);
        h.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(expected, (await h.ReceiveAsync("q.fifo", max: 5)).Select(EngineHarness.Body));
    }

    [Fact]
    public async Task Receive_EarlierMessageVisibleAgainWhileLaterStillLeased_ComesBackAfterOtherGroups()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.FifoAsync("q.fifo");
        await h.SendAsync("q.fifo", "g1-m1", group: "g1");
        await h.SendAsync("q.fifo", "g1-m2", group: "g1");
        await h.SendAsync("q.fifo", "g2-m1", group: "g2");
        var first = await h.ReceiveAsync("q.fifo", max: 2);
        Assert.Equal(["g1-m1", "g1-m2"], first.Select(EngineHarness.Body));

        await h.Engine.ChangeVisibilityAsync("q.fifo", first[0].Lease, TimeSpan.FromSeconds(1), requireActiveLease: true);
        h.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["g2-m1", "g1-m1"], (await h.ReceiveAsync("q.fifo", max: 3)).Select(EngineHarness.Body));
    }
}
