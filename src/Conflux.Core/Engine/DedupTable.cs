using Conflux.Core.Storage;

namespace Conflux.Core.Engine;

/// <summary>Deduplication keys remembered for a window; a repeat within it maps to the original message.</summary>
internal sealed class DedupTable
{
    private readonly Dictionary<string, DedupRecord> _map = new(StringComparer.Ordinal);
    private readonly Queue<DedupRecord> _byAge = new();

    public int Count => _map.Count;

    public bool TryGet(string key, long nowMs, out DedupRecord record)
    {
        if (_map.TryGetValue(key, out record!) && record.ExpiresAtMs > nowMs) return true;
        record = null!;
        return false;
    }

    public void Add(DedupRecord record)
    {
        _map[record.Key] = record;
        _byAge.Enqueue(record);
    }

    public void Sweep(long nowMs)
    {
        // Windows can change, so expiry order is only roughly insertion order; a late expiry just waits a little.
        while (_byAge.TryPeek(out var oldest) && oldest.ExpiresAtMs <= nowMs)
        {
            _byAge.Dequeue();
            if (_map.TryGetValue(oldest.Key, out var current) && ReferenceEquals(current, oldest)) _map.Remove(oldest.Key);
        }
    }
}
