using Conflux.Core.Entities;
using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

/// <summary>
/// The live state of one queue (or subscription buffer). All fields are guarded by <see cref="_gate"/>;
/// no I/O happens under it. Mutations are applied in memory and their storage ops submitted to the
/// group committer while the lock is held, so the commit order of a queue's ops is its memory order;
/// callers reply only after their ops are durable. New messages stay invisible (Pending) until their
/// insert is durable, so a receiver never sees a message that a crash could take back.
///
/// Memory holds a window of the queue: every message with seq ≤ <see cref="_loadedThrough"/> is in
/// <see cref="_entries"/> or gone. Once the window is full, new messages go to disk only
/// (<see cref="_diskOnly"/>) and are paged in, in sequence order, as the window drains.
/// </summary>
internal sealed partial class QueueRuntime
{
    private readonly object _gate = new();
    private readonly MessagingEngine _engine;
    private readonly ReadySet _ready;
    private readonly Dictionary<long, MessageEntry> _entries = [];
    private readonly PriorityQueue<(MessageEntry Entry, int Version), long> _timed = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly DedupTable _dedup = new();
    private Dictionary<string, AttemptRecord>? _attempts;
    private HashSet<long>? _aheadRemoved;
    private ITimer? _wakeTimer;
    private long _wakeAtMs = long.MaxValue;

    private long _lastSeq;
    private long _loadedThrough;
    private long _diskOnly;
    private int _readyCount;
    private int _inFlight;
    private int _delayed;
    private long _memoryBytes;
    private bool _pageInRunning;
    private int _generation;
    private bool _deleted;
    private bool _closing;
    private long _nextExpiryCheckMs;
    private long _purgedThrough;

    public QueueRuntime(MessagingEngine engine, EntityDefinition definition, QueueSettings settings, EntityRecord? record)
    {
        _engine = engine;
        Definition = definition;
        Settings = settings;
        EntityId = definition.Id;
        Name = definition.Name;
        _ready = settings.Ordered ? new FifoReadySet() : new StandardReadySet();
        if (record is not null)
        {
            _lastSeq = record.LastSequence;
            _loadedThrough = record.PurgedThrough;
            _purgedThrough = record.PurgedThrough;
            _diskOnly = record.MessageCount;
        }
    }

    public long EntityId { get; }

    public string Name { get; }

    /// <summary>The definition this runtime serves (a queue, or a subscription with its own buffer).</summary>
    public EntityDefinition Definition { get; private set; }

    public QueueSettings Settings { get; private set; }

    public QueueStats Stats()
    {
        lock (_gate) return new QueueStats(_readyCount + _diskOnly, _inFlight, _delayed);
    }

    public void Update(EntityDefinition definition, QueueSettings settings)
    {
        lock (_gate)
        {
            Definition = definition;
            Settings = settings;
            _nextExpiryCheckMs = 0;
        }
    }

    /// <summary>Server shutdown: parked receivers return what they have (nothing) and no new ones park.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closing = true;
            WakeAll();
        }
    }

    /// <summary>Stops the runtime: parked receivers wake and find the queue gone.</summary>
    public void MarkDeleted()
    {
        lock (_gate)
        {
            _deleted = true;
            _generation++;
            WakeAll();
            _wakeTimer?.Dispose();
        }
    }

    /// <summary>Caller holds <see cref="Gate"/>.</summary>
    internal bool IsDeletedLocked => _deleted;

    private void ThrowIfDeleted()
    {
        if (_deleted) throw EngineException.NotFound(Name);
    }

    private long EntryExpiry(MessageEntry entry)
    {
        var retention = entry.Message.EnqueuedAtMs + (long)Settings.RetentionPeriod.TotalMilliseconds;
        return entry.Message.ExpiresAtMs > 0 ? Math.Min(entry.Message.ExpiresAtMs, retention) : retention;
    }

    private bool IsExpired(MessageEntry entry, long nowMs) => nowMs >= EntryExpiry(entry);

    private bool WindowFull =>
        _readyCount + _delayed >= _engine.Options.MemoryWindowMessages || _memoryBytes >= _engine.Options.MemoryWindowBytes;

    /// <summary>Takes an entry out of every structure; a Delete op is the caller's business.</summary>
    private void Detach(MessageEntry entry, bool inReadySet)
    {
        switch (entry.State)
        {
            case EntryState.Ready:
                if (inReadySet) _ready.Remove(entry);
                _readyCount--;
                break;
            case EntryState.Delayed:
                _delayed--;
                break;
            case EntryState.InFlight:
                _inFlight--;
                if (_ready.OnLeaseEnded(entry)) Signal(1);
                break;
        }
        entry.State = EntryState.Removed;
        entry.TimerVersion++;
        _entries.Remove(entry.Seq);
        _memoryBytes -= entry.Size;
        if (entry.Seq > _loadedThrough) (_aheadRemoved ??= []).Add(entry.Seq);
    }

    /// <summary>Puts a detached entry back as ready (a dead-letter move that could not happen).</summary>
    private void Reattach(MessageEntry entry)
    {
        if (_entries.ContainsKey(entry.Seq)) return;
        _aheadRemoved?.Remove(entry.Seq);
        _entries.Add(entry.Seq, entry);
        _memoryBytes += entry.Size;
        entry.State = EntryState.Ready;
        _readyCount++;
        _ready.Add(entry);
    }

    private void Schedule(MessageEntry entry)
    {
        entry.TimerVersion++;
        _timed.Enqueue((entry, entry.TimerVersion), entry.VisibleAtMs);
        if (_waiters.Count > 0 && entry.VisibleAtMs < _wakeAtMs) ArmWakeTimer(_engine.NowMs());
    }

    private sealed record AttemptRecord(IReadOnlyList<ReceivedMessage> Results, long ExpiresAtMs);
}
