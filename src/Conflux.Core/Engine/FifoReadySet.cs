namespace Conflux.Core.Engine;

/// <summary>
/// Ready messages of an ordered queue, per group. A group is available while it has ready messages and
/// none leased; receivers take groups oldest-head first and drain as much of one group as they can
/// before moving to the next (the SQS FIFO behaviour).
/// </summary>
internal sealed class FifoReadySet : ReadySet
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(Group Group, int Version), long> _available = new();
    private Group? _current;

    public int GroupCount => _groups.Count;

    public override void Add(MessageEntry entry)
    {
        var key = entry.Message.GroupId ?? string.Empty;
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new Group(key);
            _groups.Add(key, group);
        }
        var headBefore = group.Pending.PeekFront();
        group.Pending.Insert(entry);
        if (group.InFlight == 0 && group != _current && (!group.Queued || !ReferenceEquals(headBefore, group.Pending.PeekFront())))
            MakeAvailable(group);
    }

    public override bool Remove(MessageEntry entry)
    {
        var key = entry.Message.GroupId ?? string.Empty;
        if (!_groups.TryGetValue(key, out var group)) return false;
        var headBefore = group.Pending.PeekFront();
        if (!group.Pending.Remove(entry)) return false;
        if (group.Pending.Count == 0 && group.InFlight == 0 && group != _current) Drop(key, group);
        else if (group.Queued && !ReferenceEquals(headBefore, group.Pending.PeekFront()) && group.Pending.Count > 0) MakeAvailable(group);
        return true;
    }

    public override void BeginTake() => _current = null;

    public override MessageEntry? TryTake()
    {
        while (true)
        {
            if (_current is { Pending.Count: > 0 }) return _current.Pending.PopFront();
            if (_current is not null) ReleaseCurrent();
            if (!TryPopAvailable(out var next)) return null;
            _current = next;
        }
    }

    public override void EndTake()
    {
        if (_current is not null) ReleaseCurrent();
    }

    public override void OnLeased(MessageEntry entry) => GroupOf(entry).InFlight++;

    public override bool OnLeaseEnded(MessageEntry entry)
    {
        var key = entry.Message.GroupId ?? string.Empty;
        var group = _groups[key];
        group.InFlight--;
        if (group.InFlight > 0 || group == _current) return false;
        if (group.Pending.Count == 0)
        {
            Drop(key, group);
            return false;
        }
        MakeAvailable(group);
        return true;
    }

    public override void Clear()
    {
        _groups.Clear();
        _available.Clear();
        _current = null;
    }

    public override IEnumerable<MessageEntry> Snapshot()
    {
        var all = new List<MessageEntry>();
        foreach (var group in _groups.Values)
            for (var i = 0; i < group.Pending.Count; i++) all.Add(group.Pending[i]);
        return all;
    }

    private Group GroupOf(MessageEntry entry)
    {
        var key = entry.Message.GroupId ?? string.Empty;
        if (!_groups.TryGetValue(key, out var group))
        {
            // A leased entry whose group had no ready messages (loaded in flight at start-up).
            group = new Group(key);
            _groups.Add(key, group);
        }
        return group;
    }

    private void ReleaseCurrent()
    {
        var group = _current!;
        _current = null;
        if (group.InFlight > 0) return;
        if (group.Pending.Count > 0) MakeAvailable(group);
        else Drop(group.Key, group);
    }

    private bool TryPopAvailable(out Group group)
    {
        while (_available.TryDequeue(out var item, out _))
        {
            var candidate = item.Group;
            if (!candidate.Queued || candidate.Version != item.Version) continue;
            candidate.Queued = false;
            if (candidate.InFlight > 0 || candidate.Pending.Count == 0) continue;
            group = candidate;
            return true;
        }
        group = null!;
        return false;
    }

    private void MakeAvailable(Group group)
    {
        group.Version++;
        group.Queued = true;
        _available.Enqueue((group, group.Version), group.Pending.PeekFront()!.Seq);
    }

    private void Drop(string key, Group group)
    {
        group.Queued = false;
        _groups.Remove(key);
    }

    private sealed class Group(string key)
    {
        public string Key { get; } = key;

        public SeqDeque Pending { get; } = new();

        public int InFlight { get; set; }

        public bool Queued { get; set; }

        public int Version { get; set; }
    }
}
