namespace Conflux.Core.Engine;

/// <summary>
/// Ready messages of an ordered queue, per group, with SQS FIFO semantics (as recorded against AWS):
/// a group's messages are handed out in sequence order up to the first one that is leased — messages
/// ahead of a leased one stay receivable, messages behind it are blocked until it is deleted or
/// visible again. A receive drains as much of one group as it can, then moves to the next group in
/// the order groups became receivable; a group that becomes receivable again goes to the back.
/// </summary>
internal sealed class FifoReadySet : ReadySet
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly Queue<Group> _available = new();
    private readonly List<long> _leasedThisTake = [];
    private Group? _current;

    public override void Add(MessageEntry entry)
    {
        var group = GroupOf(entry);
        group.Pending.Insert(entry);
        Offer(group);
    }

    public override bool Remove(MessageEntry entry)
    {
        if (!_groups.TryGetValue(Key(entry), out var group) || !group.Pending.Remove(entry)) return false;
        DropIfEmpty(group);
        return true;
    }

    public override void BeginTake()
    {
        _current = null;
        _leasedThisTake.Clear();
    }

    public override MessageEntry? TryTake()
    {
        while (true)
        {
            // Messages leased earlier in this same receive do not block the ones after them.
            if (_current is { Receivable: true }) return _current.Pending.PopFront();
            if (_current is not null) ReleaseCurrent();
            if (!TryNextAvailable(out var next)) return null;
            _current = next;
        }
    }

    public override void EndTake()
    {
        if (_current is not null) ReleaseCurrent();
    }

    public override void OnLeased(MessageEntry entry)
    {
        var group = GroupOf(entry);
        if (group == _current) _leasedThisTake.Add(entry.Seq);
        else group.Leased.Add(entry.Seq);
    }

    public override bool OnLeaseEnded(MessageEntry entry)
    {
        if (!_groups.TryGetValue(Key(entry), out var group)) return false;
        group.Leased.Remove(entry.Seq);
        if (group == _current) return false;
        if (DropIfEmpty(group)) return false;
        return Offer(group);
    }

    public override void Clear()
    {
        _groups.Clear();
        _available.Clear();
        _current = null;
        _leasedThisTake.Clear();
    }

    private static string Key(MessageEntry entry) => entry.Message.GroupId ?? string.Empty;

    private Group GroupOf(MessageEntry entry)
    {
        var key = Key(entry);
        if (!_groups.TryGetValue(key, out var group))
        {
            group = new Group(key);
            _groups.Add(key, group);
        }
        return group;
    }

    /// <summary>Queues the group at the back if it is receivable and not queued already; true if receivable.</summary>
    private bool Offer(Group group)
    {
        if (group == _current || !group.Receivable) return false;
        if (!group.Queued)
        {
            group.Queued = true;
            _available.Enqueue(group);
        }
        return true;
    }

    private void ReleaseCurrent()
    {
        var group = _current!;
        _current = null;
        foreach (var seq in _leasedThisTake) group.Leased.Add(seq);
        _leasedThisTake.Clear();
        if (!DropIfEmpty(group)) Offer(group);
    }

    private bool TryNextAvailable(out Group group)
    {
        while (_available.TryDequeue(out var candidate))
        {
            candidate.Queued = false;
            if (!_groups.TryGetValue(candidate.Key, out var live) || live != candidate || !candidate.Receivable) continue;
            group = candidate;
            return true;
        }
        group = null!;
        return false;
    }

    private bool DropIfEmpty(Group group)
    {
        if (group.Pending.Count > 0 || group.Leased.Count > 0 || group == _current) return false;
        _groups.Remove(group.Key);
        return true;
    }

    private sealed class Group(string key)
    {
        public string Key { get; } = key;

        public SeqDeque Pending { get; } = new();

        /// <summary>Sequence numbers of this group's leased messages.</summary>
        public SortedSet<long> Leased { get; } = [];

        public bool Queued { get; set; }

        /// <summary>The oldest ready message is ahead of every leased one.</summary>
        public bool Receivable => Pending.Count > 0 && (Leased.Count == 0 || Pending.PeekFront()!.Seq < Leased.Min);
    }
}
