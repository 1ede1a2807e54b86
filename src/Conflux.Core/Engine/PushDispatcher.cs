using System.Collections.Concurrent;
using Conflux.Core.Entities;

namespace Conflux.Core.Engine;

/// <summary>
/// Runs one <see cref="PushLoop"/> per active push subscription. Loops start when both the
/// subscription and its dialect's factory exist (faces register after the engine has loaded), and
/// each is independent, so an endpoint that is down delays nobody else.
/// </summary>
public sealed class PushDispatcher : IAsyncDisposable
{
    private readonly MessagingEngine _engine;
    private readonly ConcurrentDictionary<string, IPushTargetFactory> _factories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PushLoop> _loops = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _stopping = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _stopped;

    internal PushDispatcher(MessagingEngine engine) => _engine = engine;

    /// <summary>Number of running loops, for diagnostics and tests.</summary>
    public int Running => _loops.Count;

    public async Task RegisterAsync(IPushTargetFactory factory)
    {
        _factories[factory.Dialect] = factory;
        foreach (var subscription in _engine.AllSubscriptions())
            if (subscription.Push == factory.Dialect) await EnsureAsync(subscription).ConfigureAwait(false);
    }

    /// <summary>Starts, restarts (definition changed) or stops the loop of a subscription to match its definition.</summary>
    internal async Task EnsureAsync(SubscriptionDefinition subscription)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_loops.TryGetValue(subscription.Name, out var running))
            {
                if (running.Definition == subscription) return;
                _loops.TryRemove(subscription.Name, out _);
                _stopping.Add(running.StopAsync());
            }
            if (_stopped || !subscription.Active || subscription.Push is not { } dialect || subscription.ForwardTo is not null) return;
            if (!_factories.TryGetValue(dialect, out var factory)) return;
            _loops[subscription.Name] = PushLoop.Start(_engine, subscription, factory.Create(subscription));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Restarts the loops of a topic's push subscriptions, so targets pick up topic-level settings that changed.</summary>
    public async Task RestartTopicAsync(string topic)
    {
        foreach (var subscription in _engine.AllSubscriptions())
        {
            if (subscription.Topic != topic || subscription.Push is null) continue;
            Stop(subscription.Name);
            await EnsureAsync(subscription).ConfigureAwait(false);
        }
    }

    internal void Stop(string subscriptionName)
    {
        if (_loops.TryRemove(subscriptionName, out var loop)) _stopping.Add(loop.StopAsync());
    }

    internal void StopAll()
    {
        _stopped = true;
        foreach (var name in _loops.Keys) Stop(name);
    }

    public async ValueTask DisposeAsync()
    {
        StopAll();
        // Stopping cancels in-flight pushes, so this is quick; a lease left behind just lapses and redelivers.
        await Task.WhenAll(_stopping).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }
}
