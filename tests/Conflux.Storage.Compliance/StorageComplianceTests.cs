using System.Text;
using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Core.Storage;

namespace Conflux.Storage.Compliance;

/// <summary>
/// The contract every <see cref="IMessageStore"/> backend must honour. A backend's test project
/// inherits this class and says how to open its store; <see cref="OpenStore"/> called again must
/// reopen the same data (a restart).
/// </summary>
public abstract class StorageComplianceTests : IDisposable
{
    private IMessageStore? _store;

    protected abstract IMessageStore OpenStore();

    protected IMessageStore Store => _store ??= Open();

    private IMessageStore Open()
    {
        var store = OpenStore();
        store.Open();
        return store;
    }

    protected StoreContents Reopen()
    {
        _store?.Dispose();
        _store = OpenStore();
        return _store.Open();
    }

    public virtual void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected static Message Msg(long seq, string body = "hello", long enqueued = 1_000) => new()
    {
        MessageId = $"m-{seq}",
        Body = Encoding.UTF8.GetBytes(body),
        SequenceNumber = seq,
        EnqueuedAtMs = enqueued,
    };

    protected void CreateEntity(long id, string name = "q") =>
        Store.Commit([new UpsertEntityOp(id, EntityKind.Queue, name, Encoding.UTF8.GetBytes("{\"v\":1}"))]);

    [Fact]
    public void Open_EmptyStore_HasNoEntitiesOrMetadata()
    {
        var contents = Reopen();
        Assert.Empty(contents.Entities);
        Assert.Empty(contents.Metadata);
    }

    [Fact]
    public void UpsertEntity_AfterReopen_IsReturnedWithDefinition()
    {
        CreateEntity(7, "orders");
        Store.Commit([new UpsertEntityOp(7, EntityKind.Queue, "orders", Encoding.UTF8.GetBytes("{\"v\":2}"))]);
        var entity = Assert.Single(Reopen().Entities);
        Assert.Equal(7, entity.Id);
        Assert.Equal("orders", entity.Name);
        Assert.Equal(EntityKind.Queue, entity.Kind);
        Assert.Equal("{\"v\":2}", Encoding.UTF8.GetString(entity.Definition));
    }

    [Fact]
    public void SetMetadata_AfterReopen_IsReturned()
    {
        Store.Commit([new SetMetadataOp("secret", "abc"), new SetMetadataOp("secret", "def")]);
        Assert.Equal("def", Reopen().Metadata["secret"]);
    }

    [Fact]
    public async Task InsertMessages_ReadRange_ReturnsAscendingWithinBounds()
    {
        CreateEntity(1);
        Store.Commit([.. Enumerable.Range(1, 10).Select(i => new InsertMessageOp(1, Msg(i, $"body-{i}")))]);
        var page = await Store.ReadRangeAsync(1, afterSequence: 2, throughSequence: 8, limit: 4);
        Assert.Equal([3L, 4, 5, 6], page.Select(m => m.Message.SequenceNumber));
        Assert.Equal("body-3", Encoding.UTF8.GetString(page[0].Message.Body.Span));
        Assert.Null(page[0].Delivery);
    }

    [Fact]
    public async Task ReadRange_OtherEntity_IsNotVisible()
    {
        CreateEntity(1, "a");
        CreateEntity(2, "b");
        Store.Commit([new InsertMessageOp(1, Msg(1)), new InsertMessageOp(2, Msg(1, "other"))]);
        var page = await Store.ReadRangeAsync(1, 0, long.MaxValue, 100);
        Assert.Equal("hello", Encoding.UTF8.GetString(Assert.Single(page).Message.Body.Span));
    }

    [Fact]
    public void Inserts_AfterReopen_CountAndLastSequenceAreMaintained()
    {
        CreateEntity(1);
        Store.Commit([.. Enumerable.Range(1, 5).Select(i => new InsertMessageOp(1, Msg(i)))]);
        Store.Commit([new DeleteMessageOp(1, 2), new DeleteMessageOp(1, 2), new DeleteMessageOp(1, 99)]);
        var entity = Assert.Single(Reopen().Entities);
        Assert.Equal(4, entity.MessageCount);
        Assert.Equal(5, entity.LastSequence);
    }

    [Fact]
    public async Task Message_RoundTrip_PreservesEveryField()
    {
        CreateEntity(1);
        var properties = PropertyBag.From([
            new("s", PropertyValue.String("text", "custom")),
            new("n", PropertyValue.Number("-12.50e3")),
            new("b", PropertyValue.Binary([0, 1, 2, 255])),
            new("bool", PropertyValue.Boolean(true)),
            new("i32", PropertyValue.Int32(-42)),
            new("i64", PropertyValue.Int64(long.MinValue)),
            new("d", PropertyValue.Double(3.25)),
            new("ts", PropertyValue.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123))),
            new("dur", PropertyValue.Duration(TimeSpan.FromSeconds(90))),
            new("g", PropertyValue.Guid(Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"))),
            new("u", PropertyValue.Uri("amqp://host/path")),
            new("null", PropertyValue.Null),
            new("unicode-ключ", PropertyValue.String("значение ✓")),
        ]);
        var original = new Message
        {
            MessageId = "id-1",
            Body = new byte[] { 0, 0xFF, 0x10 },
            SequenceNumber = 3,
            EnqueuedAtMs = 1_700_000_000_000,
            GroupId = "g1",
            DeduplicationId = "d1",
            ScheduledAtMs = 1_700_000_005_000,
            ExpiresAtMs = 1_700_000_900_000,
            Properties = properties,
            SystemProperties = PropertyBag.From([new(SystemProperties.TraceHeader, PropertyValue.String("Root=1-abc"))]),
        };
        Store.Commit([new InsertMessageOp(1, original)]);
        Reopen();
        var read = Assert.Single(await Store.ReadRangeAsync(1, 0, 10, 10)).Message;
        Assert.Equal(original.MessageId, read.MessageId);
        Assert.Equal(original.Body.ToArray(), read.Body.ToArray());
        Assert.Equal(original.SequenceNumber, read.SequenceNumber);
        Assert.Equal(original.EnqueuedAtMs, read.EnqueuedAtMs);
        Assert.Equal(original.GroupId, read.GroupId);
        Assert.Equal(original.DeduplicationId, read.DeduplicationId);
        Assert.Equal(original.ScheduledAtMs, read.ScheduledAtMs);
        Assert.Equal(original.ExpiresAtMs, read.ExpiresAtMs);
        Assert.Equal(original.Properties.ToList(), read.Properties.ToList());
        Assert.Equal(original.SystemProperties.ToList(), read.SystemProperties.ToList());
    }

    [Fact]
    public async Task SetDelivery_ReadInvisible_ReturnsOnlyStillInvisible()
    {
        CreateEntity(1);
        Store.Commit([.. Enumerable.Range(1, 3).Select(i => new InsertMessageOp(1, Msg(i)))]);
        Store.Commit([
            new SetDeliveryOp(1, 1, new DeliveryState(5_000, 1, 1, 100)),
            new SetDeliveryOp(1, 2, new DeliveryState(9_000, 2, 2, 100)),
            new SetDeliveryOp(1, 2, new DeliveryState(20_000, 3, 3, 100)),
        ]);
        Reopen();
        var invisible = await Store.ReadInvisibleAsync(1, visibleAfterMs: 6_000);
        var only = Assert.Single(invisible);
        Assert.Equal(2, only.Message.SequenceNumber);
        Assert.Equal(new DeliveryState(20_000, 3, 3, 100), only.Delivery);
        var all = await Store.ReadRangeAsync(1, 0, 10, 10);
        Assert.Equal(new DeliveryState(5_000, 1, 1, 100), all[0].Delivery);
        Assert.Null(all[2].Delivery);
    }

    [Fact]
    public async Task InsertWithDelivery_KeepsDeliveryState()
    {
        CreateEntity(1);
        Store.Commit([new InsertMessageOp(1, Msg(1), new DeliveryState(0, 4, 4, 77))]);
        var read = Assert.Single(await Store.ReadRangeAsync(1, 0, 10, 10));
        Assert.Equal(new DeliveryState(0, 4, 4, 77), read.Delivery);
    }

    [Fact]
    public async Task DeleteMessage_RemovesRowAndDelivery()
    {
        CreateEntity(1);
        Store.Commit([new InsertMessageOp(1, Msg(1)), new SetDeliveryOp(1, 1, new DeliveryState(99_999, 1, 1, 1))]);
        Store.Commit([new DeleteMessageOp(1, 1)]);
        Assert.Empty(await Store.ReadRangeAsync(1, 0, 10, 10));
        Assert.Empty(await Store.ReadInvisibleAsync(1, 0));
    }

    [Fact]
    public async Task Purge_HidesEarlierRowsZeroesCountAndKeepsLaterOnes()
    {
        CreateEntity(1);
        Store.Commit([.. Enumerable.Range(1, 5).Select(i => new InsertMessageOp(1, Msg(i)))]);
        Store.Commit([new SetDeliveryOp(1, 2, new DeliveryState(99_999, 1, 1, 1)), new PurgeOp(1, 5)]);
        Store.Commit([new InsertMessageOp(1, Msg(6)), new DeleteMessageOp(1, 3)]);
        Assert.Equal([6L], (await Store.ReadRangeAsync(1, 0, 100, 100)).Select(m => m.Message.SequenceNumber));
        Assert.Empty(await Store.ReadInvisibleAsync(1, 0));
        var entity = Assert.Single(Reopen().Entities);
        Assert.Equal(1, entity.MessageCount);
        Assert.Equal(5, entity.PurgedThrough);
        Assert.Equal(6, entity.LastSequence);
    }

    [Fact]
    public async Task ReclaimRange_RemovesRowsWithoutChangingCount()
    {
        CreateEntity(1);
        Store.Commit([.. Enumerable.Range(1, 5).Select(i => new InsertMessageOp(1, Msg(i)))]);
        Store.Commit([new PurgeOp(1, 3)]);
        Assert.Equal(1, await Store.ReadLowestSequenceAsync(1, 3));
        Store.Commit([new ReclaimRangeOp(1, 1, 3)]);
        Assert.Null(await Store.ReadLowestSequenceAsync(1, 3));
        Assert.Equal(4, await Store.ReadLowestSequenceAsync(1, long.MaxValue));
        Assert.Equal(2, Assert.Single(Reopen().Entities).MessageCount);
    }

    [Fact]
    public async Task DeleteEntity_LeavesOrphanRowsUntilReclaimed()
    {
        CreateEntity(1, "keep");
        CreateEntity(2, "drop");
        Store.Commit([new InsertMessageOp(1, Msg(1)), new InsertMessageOp(2, Msg(1)), new InsertMessageOp(2, Msg(2))]);
        Store.Commit([new DeleteEntityOp(2)]);
        Assert.Equal([2L], await Store.ReadOrphanEntityIdsAsync());
        Assert.Equal("keep", Assert.Single(Reopen().Entities).Name);
        Store.Commit([new ReclaimRangeOp(2, 1, long.MaxValue)]);
        Assert.Empty(await Store.ReadOrphanEntityIdsAsync());
        Assert.Single(await Store.ReadRangeAsync(1, 0, 10, 10));
    }

    [Fact]
    public async Task Dedup_ReadReturnsUnexpired_DeleteExpiredRemoves()
    {
        CreateEntity(1);
        Store.Commit([
            new InsertDedupOp(1, new DedupRecord("k1", "m1", 1, 1_000)),
            new InsertDedupOp(1, new DedupRecord("k2", "m2", 2, 5_000)),
            new InsertDedupOp(1, new DedupRecord("k2", "m3", 3, 6_000)),
        ]);
        Reopen();
        var live = await Store.ReadDedupAsync(1, 2_000);
        Assert.Equal(new DedupRecord("k2", "m3", 3, 6_000), Assert.Single(live));
        Store.Commit([new DeleteExpiredDedupOp(7_000)]);
        Assert.Empty(await Store.ReadDedupAsync(1, 0));
    }

    [Fact]
    public async Task DeleteEntity_RemovesItsDedupRecords()
    {
        CreateEntity(1);
        Store.Commit([new InsertDedupOp(1, new DedupRecord("k", "m", 1, long.MaxValue))]);
        Store.Commit([new DeleteEntityOp(1)]);
        Assert.Empty(await Store.ReadDedupAsync(1, 0));
    }

    [Fact]
    public async Task Commit_LargeBatch_IsAppliedWhole()
    {
        CreateEntity(1);
        Store.Commit([.. Enumerable.Range(1, 5_000).Select(i => new InsertMessageOp(1, Msg(i, new string('x', 100))))]);
        Reopen();
        Assert.Equal(5_000, Assert.Single(Store.Open().Entities).MessageCount);
        Assert.Equal(5_000, (await Store.ReadRangeAsync(1, 0, long.MaxValue, 10_000)).Count);
    }
}
