using Conflux.Core.Diagnostics;

namespace Conflux.Core.Tests;

public sealed class BoundedCacheTests
{
    [Fact]
    public void GetOrAdd_HitsReuseValue_CapacityExceededForgetsAndRebuilds()
    {
        var cache = new BoundedCache<object>(capacity: 3);
        var created = 0;
        object Create(string key, int _) { created++; return new object(); }

        var a = cache.GetOrAdd("a", Create, 0);
        Assert.Same(a, cache.GetOrAdd("a", Create, 0));
        cache.GetOrAdd("b", Create, 0);
        cache.GetOrAdd("c", Create, 0);
        cache.GetOrAdd("d", Create, 0);

        Assert.NotSame(a, cache.GetOrAdd("a", Create, 0));
        Assert.Equal(5, created);
    }
}
