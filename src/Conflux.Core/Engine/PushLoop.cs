using Conflux.Core.Entities;
using Microsoft.Extensions.Logging;

namespace Conflux.Core.Engine;

/// <summary>
/// Drains one push subscription's buffer: lease a batch, push each copy with bounded concurrency (and
/// the target's throttle), delete on success, and on failure make the copy visible again after the
/// target's retry delay — the lease is the retry timer, so retries survive a restart. When retries run
/// out the copy goes to the subscription's dead-letter queue, or is dropped if it has none, as SNS does.
/// </summary>
internal sealed class PushLoop : IDisposable
{
    private const int MaxInFlight = 16;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(20);

    private readonly MessagingEngine _engine;
    private readonly IPushTarget _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);
    private readonly PushThrottle? _throttle;
    private Task _run = Task.CompletedTask;

    private PushLoop(MessagingEngine engine, SubscriptionDefinition definition, IPushTarget target)
    {
        _engine = engine;
        Definition = definition;
        _target = target;
        _throttle = target.MaxPerSecond is > 0 and var rate ? new PushThrottle(rate, engine.Time) : null;
    }

    public SubscriptionDefinition Definition { get; }

    private string Buffer => Definition.Name;

    public static PushLoop Start(MessagingEngine engine, SubscriptionDefinition definition, IPushTarget target)
    {
        var loop = new PushLoop(engine, definition, target);
        loop._run = Task.Run(loop.RunAsync);
        return loop;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        for (var i = 0; i < MaxInFlight; i++) await _slots.WaitAsync().ConfigureAwait(false);
        await _target.DisposeAsync().ConfigureAwait(false);
        Dispose();
    }

    public void Dispose()
    {
        _stop.Dispose();
        _slots.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            await _slots.WaitAsync(token).ConfigureAwait(false);
            var free = 1;
            while (free < 10 && _slots.Wait(0)) free++;
            IReadOnlyList<ReceivedMessage> batch;
            try
            {
                batch = await _engine.ReceiveAsync(Buffer, new ReceiveOptions { MaxMessages = free, VisibilityTimeout = Lease, WaitTime = Poll }, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is EngineException or OperationCanceledException)
            {
                // The buffer is gone or the loop is stopping; either way the held slots go back.
                _slots.Release(free);
                return;
            }
            if (free > batch.Count) _slots.Release(free - batch.Count);
            foreach (var received in batch) _ = DeliverAsync(received, token);
        }
    }

    private async Task DeliverAsync(ReceivedMessage received, CancellationToken token)
    {
        try
        {
            if (_throttle is not null) await _throttle.WaitAsync(token).ConfigureAwait(false);
            PushResult result;
            try
            {
                result = await _target.DeliverAsync(received.Message, received.DeliveryCount, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                result = PushResult.Retry(ex.Message);
            }
            await SettleAsync(received, result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down: the lease lapses and the copy is pushed again after restart.
        }
        catch (Exception ex)
        {
            _engine.Logger.LogWarning(ex, "Push delivery for {Subscription} failed to settle", Buffer);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task SettleAsync(ReceivedMessage received, PushResult result)
    {
        if (result.Status == PushStatus.Delivered)
        {
            await _engine.DeleteAsync(Buffer, received.Lease, requireActiveLease: false).ConfigureAwait(false);
            return;
        }
        var delay = result.Status == PushStatus.Retry ? _target.RetryDelay(received.DeliveryCount) : null;
        if (delay is { } wait)
        {
            await _engine.ChangeVisibilityAsync(Buffer, received.Lease, wait, requireActiveLease: false).ConfigureAwait(false);
            return;
        }
        // A dead-letter queue that no longer exists drops the copy, as one never configured does; retrying it would loop forever.
        if (Definition.Settings.DeadLetter is { } deadLetter && _engine.GetQueue(deadLetter.TargetQueue) is not null)
            await _engine.DeadLetterAsync(Buffer, received.Lease, "DeliveryFailed", result.Error).ConfigureAwait(false);
        else
            await _engine.DeleteAsync(Buffer, received.Lease, requireActiveLease: false).ConfigureAwait(false);
    }
}
