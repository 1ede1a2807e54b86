using System.Diagnostics;
using Conflux.Core.Diagnostics;

namespace Conflux.Core.Storage;

/// <summary>
/// Group commit: callers submit units of ops and await their durability; one dedicated thread drains
/// everything submitted so far into a single <see cref="IMessageStore.Commit"/>. Under load each commit
/// (and its fsync) covers every request that arrived during the previous one, so durability costs one
/// fsync per batch, not per request. Units complete in submission order. A failed commit is fatal: the
/// committer refuses further work, because memory would otherwise run ahead of disk.
/// </summary>
public sealed class GroupCommitter : IDisposable
{
    private readonly IMessageStore _store;
    private readonly ConfluxMetrics _metrics;
    private readonly object _gate = new();
    private readonly Thread _thread;
    private readonly List<StorageOp> _batch = new(1024);
    private List<Unit> _incoming = new(256);
    private List<Unit> _working = new(256);
    private bool _sleeping;
    private bool _stopping;
    private volatile Exception? _fault;

    public GroupCommitter(IMessageStore store, ConfluxMetrics metrics)
    {
        _store = store;
        _metrics = metrics;
        _thread = new Thread(Run) { IsBackground = true, Name = "conflux-group-commit" };
        _thread.Start();
    }

    /// <summary>Set once a commit has failed; every later submit fails with it.</summary>
    public Exception? Fault => _fault;

    public Task Submit(StorageOp op) => Enqueue(new Unit(op, null));

    public Task Submit(IReadOnlyList<StorageOp> ops) => ops.Count switch
    {
        0 => Task.CompletedTask,
        1 => Enqueue(new Unit(ops[0], null)),
        _ => Enqueue(new Unit(null, ops)),
    };

    /// <summary>Completes when everything submitted before it is durable.</summary>
    public Task FlushAsync() => Enqueue(new Unit(null, null));

    private Task Enqueue(Unit unit)
    {
        if (_fault is { } fault) return Task.FromException(new StorageFaultException(fault));
        lock (_gate)
        {
            if (_stopping) return Task.FromException(new ObjectDisposedException(nameof(GroupCommitter)));
            _incoming.Add(unit);
            if (_sleeping) Monitor.Pulse(_gate);
        }
        return unit.Completion.Task;
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (_incoming.Count == 0)
                {
                    if (_stopping) return;
                    _sleeping = true;
                    Monitor.Wait(_gate);
                    _sleeping = false;
                }
                (_incoming, _working) = (_working, _incoming);
            }

            foreach (var unit in _working)
            {
                if (unit.Single is not null) _batch.Add(unit.Single);
                else if (unit.Many is not null) _batch.AddRange(unit.Many);
            }

            Exception? error = _fault is null ? null : new StorageFaultException(_fault);
            if (error is null && _batch.Count > 0)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    _store.Commit(_batch);
                    _metrics.RecordCommit(_batch.Count, Stopwatch.GetElapsedTime(started));
                }
                catch (Exception ex)
                {
                    _fault = ex;
                    error = new StorageFaultException(ex);
                }
            }

            foreach (var unit in _working)
            {
                if (error is null) unit.Completion.TrySetResult();
                else unit.Completion.TrySetException(error);
            }
            _working.Clear();
            _batch.Clear();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.Pulse(_gate);
        }
        _thread.Join();
    }

    private readonly struct Unit(StorageOp? single, IReadOnlyList<StorageOp>? many)
    {
        public StorageOp? Single { get; } = single;

        public IReadOnlyList<StorageOp>? Many { get; } = many;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>Storage failed; the engine stops accepting writes until restarted.</summary>
public sealed class StorageFaultException(Exception inner) : Exception("Storage failed; the server must be restarted.", inner);
