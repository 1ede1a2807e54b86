using Conflux.Core.Storage;
using Conflux.Storage.Compliance;

namespace Conflux.Storage.Sqlite.Tests;

public sealed class SqliteStoreComplianceTests : StorageComplianceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("conflux-sqlite-").FullName;

    protected override IMessageStore OpenStore() => new SqliteMessageStore(new SqliteStoreOptions(_directory));

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
