using System.Collections.Concurrent;
using Conflux.Core.Diagnostics;
using Conflux.Core.Entities;
using Conflux.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conflux.Core.Engine;

/// <summary>
/// The one broker every face drives: entities (queues, topics, subscriptions), message operations,
/// dead-lettering, redrive tasks and housekeeping, over an <see cref="IMessageStore"/> with group commit.
/// </summary>
public sealed partial class MessagingEngine : IAsyncDisposable
{
    private const string LastEntityIdKey = "last-entity-id";

    private readonly ConcurrentDictionary<string, QueueRuntime> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TopicRuntime> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _recentlyDeleted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IMessageFilterCompiler> _filterDialects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IDeliveryRenderer> _renderers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _entityLock = new(1, 1);
    private readonly List<long> _orphans = [];
    private readonly Dictionary<string, string> _metadata;
    private ITimer? _housekeepingTimer;
    private readonly SemaphoreSlim _housekeeping = new(1, 1);
    private long _lastEntityId;
    private long _lastDedupSweepMs;

    private MessagingEngine(IMessageStore store, EngineOptions options, TimeProvider time, ConfluxMetrics metrics, ILogger logger, StoreContents contents)
    {
        Store = store;
        Options = options;
        Time = time;
        Metrics = metrics;
        Logger = logger;
        Committer = new GroupCommitter(store, metrics);
        _metadata = new Dictionary<string, string>(contents.Metadata, StringComparer.Ordinal);
        MoveTasks = new MoveTaskManager(this);
        Push = new PushDispatcher(this);
        metrics.ObserveQueues(ObserveQueues);
    }

    public EngineOptions Options { get; }

    public TimeProvider Time { get; }

    public ConfluxMetrics Metrics { get; }

    public MoveTaskManager MoveTasks { get; }

    /// <summary>Drains push subscriptions (SNS HTTP/S) into their endpoints.</summary>
    public PushDispatcher Push { get; }

    internal IMessageStore Store { get; }

    internal GroupCommitter Committer { get; }

    public ILogger Logger { get; }

    /// <summary>False once storage has failed; the host reports unhealthy and every write is refused.</summary>
    public bool IsHealthy => Committer.Fault is null;

    public long NowMs() => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Opens storage, rebuilds every entity and the head of every queue, and starts housekeeping.</summary>
    public static async Task<MessagingEngine> StartAsync(
        IMessageStore store,
        EngineOptions? options = null,
        TimeProvider? time = null,
        ConfluxMetrics? metrics = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        var contents = store.Open();
        var engine = new MessagingEngine(store, options ?? new EngineOptions(), time ?? TimeProvider.System, metrics ?? new ConfluxMetrics(), logger ?? NullLogger.Instance, contents);
        await engine.LoadAsync(contents, cancellationToken).ConfigureAwait(false);
        engine._housekeepingTimer = engine.Time.CreateTimer(
            static state => ((MessagingEngine)state!).OnHousekeepingTimer(), engine, engine.Options.HousekeepingInterval, engine.Options.HousekeepingInterval);
        return engine;
    }

    private async Task LoadAsync(StoreContents contents, CancellationToken cancellationToken)
    {
        _lastEntityId = _metadata.TryGetValue(LastEntityIdKey, out var last) ? long.Parse(last) : 0;
        var definitions = contents.Entities.Select(r => (Record: r, Definition: EntityCodec.Decode(r.Kind, r.Definition))).ToList();
        foreach (var (record, definition) in definitions)
        {
            _lastEntityId = Math.Max(_lastEntityId, record.Id);
            switch (definition)
            {
                case QueueDefinition queue:
                    _queues[queue.Name] = new QueueRuntime(this, queue, queue.Settings, record);
                    break;
                case TopicDefinition topic:
                    _topics[topic.Name] = new TopicRuntime(topic);
                    break;
            }
        }
        foreach (var (record, definition) in definitions)
        {
            if (definition is not SubscriptionDefinition subscription || !_topics.TryGetValue(subscription.Topic, out var topic)) continue;
            topic.Add(subscription);
            if (subscription.ForwardTo is null)
                _queues[subscription.Name] = new QueueRuntime(this, subscription, subscription.Settings, record);
        }
        foreach (var queue in _queues.Values) await queue.LoadAsync(cancellationToken).ConfigureAwait(false);
        var now = NowMs();
        foreach (var topic in _topics.Values)
        {
            foreach (var record in await Store.ReadDedupAsync(topic.Definition.Id, now, cancellationToken).ConfigureAwait(false))
            {
                topic.Dedup.Add(record);
                topic.LastSequence = Math.Max(topic.LastSequence, record.SequenceNumber);
            }
        }
        _orphans.AddRange(await Store.ReadOrphanEntityIdsAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Server metadata (secrets, ids) that must survive restarts; created once and persisted.</summary>
    public async Task<string> GetOrCreateMetadataAsync(string key, Func<string> create)
    {
        await _entityLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_metadata.TryGetValue(key, out var value)) return value;
            value = create();
            await Committer.Submit(new SetMetadataOp(key, value)).ConfigureAwait(false);
            _metadata[key] = value;
            return value;
        }
        finally
        {
            _entityLock.Release();
        }
    }

    public void RegisterFilterDialect(IMessageFilterCompiler compiler) => _filterDialects[compiler.Dialect] = compiler;

    /// <summary>Registers how copies for subscriptions of one rendering dialect are produced.</summary>
    public void RegisterRenderer(IDeliveryRenderer renderer) => _renderers[renderer.Dialect] = renderer;

    internal IDeliveryRenderer FindRenderer(string dialect) =>
        _renderers.TryGetValue(dialect, out var renderer)
            ? renderer
            : throw new EngineException(EngineError.InvalidArgument, $"No delivery renderer '{dialect}' is registered.");

    /// <summary>Every subscription of every topic, for faces that list across topics.</summary>
    public IEnumerable<SubscriptionDefinition> AllSubscriptions() =>
        _topics.Values.SelectMany(t => t.Subscriptions.Select(s => s.Definition));

    internal IMessageFilter CompileFilter(FilterSpec spec) =>
        _filterDialects.TryGetValue(spec.Dialect, out var compiler)
            ? compiler.Compile(spec.Text)
            : throw new EngineException(EngineError.InvalidArgument, $"No filter dialect '{spec.Dialect}' is registered.");

    internal QueueRuntime? FindQueue(string name) => _queues.TryGetValue(name, out var queue) ? queue : null;

    private QueueRuntime Queue(string name) => FindQueue(name) ?? throw EngineException.NotFound(name);

    private IEnumerable<(string, long, long, long)> ObserveQueues()
    {
        foreach (var queue in _queues.Values)
        {
            var stats = queue.Stats();
            yield return (queue.Name, stats.Visible, stats.InFlight, stats.Delayed);
        }
    }

    private void OnHousekeepingTimer()
    {
        // A pass still running makes the timer skip this tick rather than queue behind it.
        if (_housekeeping.Wait(0)) _ = HousekeepCoreAsync();
    }

    /// <summary>Runs one housekeeping pass now (the timer runs one every <see cref="EngineOptions.HousekeepingInterval"/>).</summary>
    public async Task HousekeepAsync()
    {
        await _housekeeping.WaitAsync().ConfigureAwait(false);
        await HousekeepCoreAsync().ConfigureAwait(false);
    }

    private async Task HousekeepCoreAsync()
    {
        try
        {
            var now = NowMs();
            var commits = new List<Task>();
            foreach (var queue in _queues.Values) queue.Housekeep(now, commits);
            foreach (var topic in _topics.Values)
                lock (topic.Gate) topic.Dedup.Sweep(now);
            await ReclaimAsync(commits).ConfigureAwait(false);
            if (now - _lastDedupSweepMs >= 60_000)
            {
                _lastDedupSweepMs = now;
                commits.Add(Committer.Submit(new DeleteExpiredDedupOp(now)));
            }
            foreach (var (name, at) in _recentlyDeleted)
                if (now - at > 3_600_000) _recentlyDeleted.TryRemove(name, out _);
            await Task.WhenAll(commits).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Housekeeping failed");
        }
        finally
        {
            _housekeeping.Release();
        }
    }

    /// <summary>Physically deletes rows of purges and deleted entities, one chunk per entity per pass.</summary>
    private async Task ReclaimAsync(List<Task> commits)
    {
        var chunk = Options.ReclaimChunk;
        foreach (var queue in _queues.Values)
        {
            var through = queue.PurgedThrough;
            if (queue.ReclaimedThrough >= through) continue;
            var low = await Store.ReadLowestSequenceAsync(queue.EntityId, through).ConfigureAwait(false);
            if (low is null)
            {
                queue.ReclaimedThrough = through;
                continue;
            }
            commits.Add(Committer.Submit(new ReclaimRangeOp(queue.EntityId, low.Value, Math.Min(through, low.Value + chunk))));
        }
        long[] orphans;
        lock (_orphans) orphans = [.. _orphans];
        foreach (var id in orphans)
        {
            var low = await Store.ReadLowestSequenceAsync(id, long.MaxValue).ConfigureAwait(false);
            if (low is null)
            {
                lock (_orphans) _orphans.Remove(id);
                continue;
            }
            commits.Add(Committer.Submit(new ReclaimRangeOp(id, low.Value, low.Value + chunk)));
        }
    }

    /// <summary>Ends every long poll now (they return empty) so a shutdown does not wait for them.</summary>
    public void StopWaiting()
    {
        Push.StopAll();
        foreach (var queue in _queues.Values) queue.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _housekeepingTimer?.Dispose();
        MoveTasks.CancelAll();
        StopWaiting();
        await Push.DisposeAsync().ConfigureAwait(false);
        Committer.Dispose();
        Store.Dispose();
        _entityLock.Dispose();
    }
}
