using Conflux.Core.Entities;
using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

public sealed partial class MessagingEngine
{
    public QueueDefinition? GetQueue(string name) =>
        FindQueue(name)?.Definition as QueueDefinition;

    /// <summary>Queues (not subscription buffers), ordered by name.</summary>
    public IReadOnlyList<QueueDefinition> ListQueues(string? prefix = null) =>
        [.. _queues.Values
            .Select(q => q.Definition)
            .OfType<QueueDefinition>()
            .Where(q => prefix is null || q.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(q => q.Name, StringComparer.Ordinal)];

    /// <summary>When a queue of this name was last deleted (Unix ms), if it was.</summary>
    public long? LastDeletedAtMs(string name) => _recentlyDeleted.TryGetValue(name, out var at) ? at : null;

    /// <summary>
    /// Creates a queue from <paramref name="proposal"/> (its id and timestamps are assigned here). If a
    /// queue of that name exists it is returned unchanged with Created = false; the face decides whether
    /// the existing one is compatible with what was asked.
    /// </summary>
    public async Task<(QueueDefinition Definition, bool Created)> CreateQueueAsync(QueueDefinition proposal)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (FindQueue(proposal.Name)?.Definition is QueueDefinition existing) return (existing, false);
            var now = NowMs();
            var definition = proposal with { Id = ++_lastEntityId, CreatedAtMs = now, ModifiedAtMs = now };
            await Committer.Submit([
                new SetMetadataOp(LastEntityIdKey, _lastEntityId.ToString()),
                new UpsertEntityOp(definition.Id, EntityKind.Queue, definition.Name, EntityCodec.Encode(definition)),
            ]).ConfigureAwait(false);
            _queues[definition.Name] = new QueueRuntime(this, definition, definition.Settings, record: null);
            return (definition, true);
        }
        finally
        {
            _entityLock.Release();
        }
    }

    /// <summary>Replaces a queue's definition; the update function sees the current one.</summary>
    public async Task<QueueDefinition> UpdateQueueAsync(string name, Func<QueueDefinition, QueueDefinition> update)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var runtime = Queue(name);
            if (runtime.Definition is not QueueDefinition current) throw EngineException.NotFound(name);
            var updated = update(current) with { Id = current.Id, Name = current.Name, CreatedAtMs = current.CreatedAtMs };
            if (updated.Settings.Ordered != current.Settings.Ordered)
                throw new EngineException(EngineError.InvalidArgument, "A queue's ordering cannot be changed.");
            await Committer.Submit(new UpsertEntityOp(updated.Id, EntityKind.Queue, updated.Name, EntityCodec.Encode(updated))).ConfigureAwait(false);
            runtime.Update(updated, updated.Settings);
            return updated;
        }
        finally
        {
            _entityLock.Release();
        }
    }

    public async Task DeleteQueueAsync(string name)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var runtime = Queue(name);
            if (runtime.Definition is not QueueDefinition) throw EngineException.NotFound(name);
            await RemoveRuntimeAsync(runtime).ConfigureAwait(false);
        }
        finally
        {
            _entityLock.Release();
        }
    }

    private async Task RemoveRuntimeAsync(QueueRuntime runtime)
    {
        _queues.TryRemove(runtime.Name, out _);
        runtime.MarkDeleted();
        MoveTasks.OnQueueDeleted(runtime.Name);
        _recentlyDeleted[runtime.Name] = NowMs();
        await Committer.Submit(new DeleteEntityOp(runtime.EntityId)).ConfigureAwait(false);
        lock (_orphans) _orphans.Add(runtime.EntityId);
    }
}
