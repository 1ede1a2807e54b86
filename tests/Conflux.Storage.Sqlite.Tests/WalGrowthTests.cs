using Conflux.Core.Entities;
using Conflux.Core.Messages;
using Conflux.Core.Storage;

namespace Conflux.Storage.Sqlite.Tests;

public sealed class WalGrowthTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("conflux-wal-").FullName;

    [Fact]
    public void SustainedWrites_WalStaysBoundedByRestartThreshold()
    {
        var options = new SqliteStoreOptions(_directory) { CheckpointPages = 256, WalRestartBytes = 2 * 1024 * 1024 };
        using (var store = new SqliteMessageStore(options))
        {
            store.Open();
            store.Commit([new UpsertEntityOp(1, EntityKind.Queue, "q", "{}"u8.ToArray())]);
            var body = new byte[1024];
            // ~60 MB through the WAL in small commits, without pause: PASSIVE alone never lets it restart.
            for (var seq = 1; seq <= 60_000; seq += 20)
            {
                store.Commit([.. Enumerable.Range(seq, 20).Select(i => new InsertMessageOp(1, new Message { MessageId = $"m{i}", Body = body, SequenceNumber = i }))]);
            }
            var wal = new FileInfo(options.DatabasePath + "-wal").Length;
            Assert.True(wal < 24 * 1024 * 1024, $"WAL grew to {wal / (1024 * 1024)} MiB");
        }
        using var reopened = new SqliteMessageStore(options);
        Assert.Equal(60_000, Assert.Single(reopened.Open().Entities).MessageCount);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
