using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Tests;

public sealed class DeadLetterAndRetentionTests
{
    [Fact]
    public async Task Receive_MaxDeliveriesReached_MovesMessageToDeadLetterQueue()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("dlq");
        await h.QueueAsync("q", s => s with { DeadLetter = new DeadLetterPolicy("dlq", 2) });
        var sent = await h.SendAsync("q", "poison");

        for (var i = 0; i < 2; i++)
        {
            Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.FromSeconds(1)));
            h.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Empty(await h.ReceiveAsync("q"));

        var dead = Assert.Single(await h.ReceiveAsync("dlq"));
        Assert.Equal(sent.MessageId, dead.Message.MessageId);
        Assert.Equal("q", dead.Message.SystemProperties.GetString(SystemProperties.DeadLetterSource));
        Assert.Equal("MaxDeliveryCountExceeded", dead.Message.SystemProperties.GetString(SystemProperties.DeadLetterReason));
        Assert.Equal(3, dead.DeliveryCount);
        Assert.Equal(new(0, 0, 0), h.Engine.GetStats("q"));
    }

    [Fact]
    public async Task DeadLetter_TargetMissing_MessageStaysInSource()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q", s => s with { DeadLetter = new DeadLetterPolicy("nowhere", 1) });
        await h.SendAsync("q", "m");
        await h.ReceiveAsync("q", visibility: TimeSpan.Zero);

        Assert.Equal(2, Assert.Single(await h.ReceiveAsync("q")).DeliveryCount);
    }

    [Fact]
    public async Task DeadLetter_StandardKeepsEnqueueTime_OrderedRestartsIt()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("dlq");
        await h.FifoAsync("dlq.fifo");
        await h.QueueAsync("q", s => s with { DeadLetter = new DeadLetterPolicy("dlq", 1) });
        await h.FifoAsync("q.fifo", s => s with { DeadLetter = new DeadLetterPolicy("dlq.fifo", 1) });
        var sentAt = h.Engine.NowMs();
        await h.SendAsync("q", "m");
        await h.SendAsync("q.fifo", "m", group: "g");
        await h.ReceiveAsync("q", visibility: TimeSpan.Zero);
        await h.ReceiveAsync("q.fifo", visibility: TimeSpan.Zero);
        h.Advance(TimeSpan.FromMinutes(1));
        await h.ReceiveAsync("q");
        await h.ReceiveAsync("q.fifo");

        Assert.Equal(sentAt, Assert.Single(await h.ReceiveAsync("dlq")).Message.EnqueuedAtMs);
        var fifo = Assert.Single(await h.ReceiveAsync("dlq.fifo")).Message;
        Assert.Equal(sentAt + 60_000, fifo.EnqueuedAtMs);
        Assert.Equal("g", fifo.GroupId);
    }

    [Fact]
    public async Task Retention_MessageOlderThanPeriod_IsNeverDelivered()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q", s => s with { RetentionPeriod = TimeSpan.FromSeconds(60) });
        await h.SendAsync("q", "old");
        h.Advance(TimeSpan.FromSeconds(59));
        await h.SendAsync("q", "young");
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["young"], await h.DrainAsync("q"));
    }

    [Fact]
    public async Task Retention_Housekeeping_RemovesExpiredAndUpdatesCounts()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("q", s => s with { RetentionPeriod = TimeSpan.FromSeconds(60) });
        for (var i = 0; i < 3; i++) await h.SendAsync("q", $"m{i}");
        Assert.Equal(3, h.Engine.GetStats("q").Visible);

        h.Advance(TimeSpan.FromSeconds(61));
        await h.Engine.HousekeepAsync();

        Assert.Equal(0, h.Engine.GetStats("q").Visible);
        await h.RestartAsync();
        Assert.Equal(0, h.Engine.GetStats("q").Visible);
    }

    [Fact]
    public async Task TimeToLive_WithDeadLetterOnExpiry_MovesToDeadLetterQueue()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("dlq");
        await h.QueueAsync("q", s => s with { DeadLetterOnExpiry = true, DeadLetter = new DeadLetterPolicy("dlq", 10) });
        await h.Engine.SendAsync("q", EngineHarness.Draft("short-lived") with { TimeToLive = TimeSpan.FromSeconds(10) });

        h.Advance(TimeSpan.FromSeconds(10));
        await h.Engine.HousekeepAsync();

        var dead = Assert.Single(await h.ReceiveAsync("dlq"));
        Assert.Equal("TTLExpiredException", dead.Message.SystemProperties.GetString(SystemProperties.DeadLetterReason));
    }

    [Fact]
    public async Task DeadLetter_Explicit_MovesLeasedMessageWithReasonAndDescription()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("dlq");
        await h.QueueAsync("q", s => s with { DeadLetter = new DeadLetterPolicy("dlq", 10) });
        await h.SendAsync("q", "bad");
        var leased = Assert.Single(await h.ReceiveAsync("q"));

        Assert.Equal(SettleOutcome.Deleted, await h.Engine.DeadLetterAsync("q", leased.Lease, "ValidationFailed", "missing field"));

        Assert.Equal(new QueueStats(0, 0, 0), h.Engine.GetStats("q"));
        var dead = Assert.Single(await h.ReceiveAsync("dlq")).Message;
        Assert.Equal("ValidationFailed", dead.SystemProperties.GetString(SystemProperties.DeadLetterReason));
        Assert.Equal("missing field", dead.SystemProperties.GetString(SystemProperties.DeadLetterDescription));
        Assert.Equal("q", dead.SystemProperties.GetString(SystemProperties.DeadLetterSource));
    }

    [Fact]
    public async Task DeadLetter_ExplicitWithExpiredLease_Refused_NoDeadLetterQueue_Rejected()
    {
        await using var h = await EngineHarness.StartAsync();
        await h.QueueAsync("dlq");
        await h.QueueAsync("q", s => s with { DeadLetter = new DeadLetterPolicy("dlq", 10) });
        await h.QueueAsync("plain");
        await h.SendAsync("q", "m");
        var leased = Assert.Single(await h.ReceiveAsync("q", visibility: TimeSpan.FromSeconds(1)));
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SettleOutcome.LeaseExpired, await h.Engine.DeadLetterAsync("q", leased.Lease, "r"));
        Assert.Empty(await h.ReceiveAsync("dlq"));
        await Assert.ThrowsAsync<EngineException>(() => h.Engine.DeadLetterAsync("plain", leased.Lease, "r"));
    }
}
