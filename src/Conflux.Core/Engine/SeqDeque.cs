namespace Conflux.Core.Engine;

/// <summary>
/// A ring buffer of entries kept in ascending sequence order. New messages append at the back in O(1);
/// the rare out-of-order insert (a lease that expired, a delay that ended) and removal binary-search
/// their slot.
/// </summary>
internal sealed class SeqDeque
{
    private MessageEntry[] _items = new MessageEntry[16];
    private int _head;
    private int _count;

    public int Count => _count;

    public MessageEntry this[int index] => _items[(_head + index) & (_items.Length - 1)];

    public MessageEntry? PeekFront() => _count == 0 ? null : _items[_head];

    public MessageEntry PopFront()
    {
        var item = _items[_head];
        _items[_head] = null!;
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return item;
    }

    /// <summary>Inserts keeping sequence order; O(1) when the entry is the newest.</summary>
    public void Insert(MessageEntry entry)
    {
        if (_count == _items.Length) Grow();
        if (_count == 0 || this[_count - 1].Seq < entry.Seq)
        {
            _items[(_head + _count) & (_items.Length - 1)] = entry;
            _count++;
            return;
        }
        if (entry.Seq < _items[_head].Seq)
        {
            _head = (_head - 1) & (_items.Length - 1);
            _items[_head] = entry;
            _count++;
            return;
        }
        var index = LowerBound(entry.Seq);
        // Shift the tail right by one to open the slot.
        for (var i = _count; i > index; i--)
            _items[(_head + i) & (_items.Length - 1)] = _items[(_head + i - 1) & (_items.Length - 1)];
        _items[(_head + index) & (_items.Length - 1)] = entry;
        _count++;
    }

    public bool Remove(MessageEntry entry)
    {
        if (_count == 0) return false;
        if (ReferenceEquals(_items[_head], entry))
        {
            PopFront();
            return true;
        }
        var index = LowerBound(entry.Seq);
        if (index >= _count || !ReferenceEquals(this[index], entry)) return false;
        for (var i = index; i < _count - 1; i++)
            _items[(_head + i) & (_items.Length - 1)] = _items[(_head + i + 1) & (_items.Length - 1)];
        _items[(_head + _count - 1) & (_items.Length - 1)] = null!;
        _count--;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        _count = 0;
    }

    private int LowerBound(long seq)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (this[mid].Seq < seq) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void Grow()
    {
        var bigger = new MessageEntry[_items.Length * 2];
        for (var i = 0; i < _count; i++) bigger[i] = this[i];
        _items = bigger;
        _head = 0;
    }
}
