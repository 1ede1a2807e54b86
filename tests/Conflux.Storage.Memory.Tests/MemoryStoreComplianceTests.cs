using Conflux.Core.Storage;
using Conflux.Storage.Compliance;

namespace Conflux.Storage.Memory.Tests;

public sealed class MemoryStoreComplianceTests : StorageComplianceTests
{
    // The same instance stands for "the same data" across a simulated restart.
    private readonly MemoryMessageStore _store = new();

    protected override IMessageStore OpenStore() => _store;
}
