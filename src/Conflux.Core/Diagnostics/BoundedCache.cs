using System.Collections.Concurrent;

namespace Conflux.Core.Diagnostics;

/// <summary>
/// A lookup cache that forgets everything once it holds <paramref name="capacity"/> entries, so keys a
/// client controls (access key ids, queue names) cannot grow it without bound. Misses only cost a rebuild.
/// </summary>
public sealed class BoundedCache<TValue>(int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, TValue> _items = new(StringComparer.Ordinal);
    private int _count;

    public TValue GetOrAdd<TArg>(string key, Func<string, TArg, TValue> create, TArg argument)
    {
        if (_items.TryGetValue(key, out var value)) return value;
        if (Interlocked.Increment(ref _count) > capacity)
        {
            _items.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        return _items.GetOrAdd(key, create, argument);
    }
}
