using System.Collections;

namespace Conflux.Core.Messages;

/// <summary>
/// An immutable set of named properties, kept sorted by ordinal name so lookups are binary searches
/// and digests that need a canonical order (SQS MD5OfMessageAttributes) get it for free.
/// </summary>
public sealed class PropertyBag : IReadOnlyList<KeyValuePair<string, PropertyValue>>
{
    private readonly KeyValuePair<string, PropertyValue>[] _items;

    public static PropertyBag Empty { get; } = new([]);

    private PropertyBag(KeyValuePair<string, PropertyValue>[] sorted) => _items = sorted;

    /// <summary>Builds a bag; later duplicates of a name replace earlier ones.</summary>
    public static PropertyBag From(IEnumerable<KeyValuePair<string, PropertyValue>> items)
    {
        var list = new List<KeyValuePair<string, PropertyValue>>(items);
        if (list.Count == 0) return Empty;
        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var unique = new List<KeyValuePair<string, PropertyValue>>(list.Count);
        foreach (var item in list)
        {
            if (unique.Count > 0 && unique[^1].Key == item.Key) unique[^1] = item;
            else unique.Add(item);
        }
        return new PropertyBag([.. unique]);
    }

    public int Count => _items.Length;

    public KeyValuePair<string, PropertyValue> this[int index] => _items[index];

    public bool TryGet(string name, out PropertyValue value)
    {
        int lo = 0, hi = _items.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(_items[mid].Key, name);
            if (cmp == 0)
            {
                value = _items[mid].Value;
                return true;
            }
            if (cmp < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        value = default;
        return false;
    }

    public string? GetString(string name) => TryGet(name, out var v) ? v.Text : null;

    /// <summary>Returns a copy with the given property set (added or replaced).</summary>
    public PropertyBag With(string name, PropertyValue value) =>
        From(_items.Where(i => i.Key != name).Append(new(name, value)));

    public PropertyBag Without(string name) =>
        TryGet(name, out _) ? From(_items.Where(i => i.Key != name)) : this;

    /// <summary>Approximate encoded size, used for memory accounting and limits.</summary>
    public int ApproximateSize
    {
        get
        {
            var size = 0;
            foreach (var (key, value) in _items)
                size += key.Length + (value.Text?.Length ?? 0) + value.Bytes.Length + (value.Label?.Length ?? 0) + 8;
            return size;
        }
    }

    public IEnumerator<KeyValuePair<string, PropertyValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, PropertyValue>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
