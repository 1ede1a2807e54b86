using System.Collections.Concurrent;
using System.Diagnostics;
using Conflux.Bench.Client;
using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

/// <summary>
/// Sends requests on a fixed schedule: request i is due at start + i/rate whether or not earlier ones have
/// answered, so a slow reply cannot hide the requests queued behind it (no coordinated omission).
/// <paramref name="send"/> makes request i (its sequence number) started at the given timestamp and returns null on
/// success, else the error's description.
/// </summary>
internal sealed class OpenLoop(string name, OpenLoop.Send send, double rate, Window window, CancellationToken cancellation)
{
    public delegate ValueTask<string?> Send(long sequence, long started, ResponseBuffer reply, CancellationToken cancellation);

    // Past this many requests in flight the server is not keeping up; later ones are counted as errors, not sent.
    private const int MaxInFlight = 10_000;
    private readonly ConcurrentBag<ResponseBuffer> _buffers = [];
    private readonly TaskCompletionSource _dispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    /// <summary>The same pre-built SQS request every time.</summary>
    public static OpenLoop Repeating(SqsHttp http, SqsAction action, byte[] body, double rate, Window window, CancellationToken cancellation) =>
        new(action.Name, async (_, _, reply, token) =>
        {
            var status = await http.PostAsync(action, body, reply, token);
            return status == 200 ? null : $"{action}: HTTP {status} {reply.Preview()}";
        }, rate, window, cancellation);

    public OpStats Stats { get; } = new(name);

    /// <summary>How many requests the dispatcher started (sequence numbers 0 to this, exclusive).</summary>
    public long Fired { get; private set; }

    /// <summary>How late the dispatcher fired requests relative to their schedule.</summary>
    public Histogram Lag { get; } = new();

    public async Task RunAsync()
    {
        // A dedicated thread rather than the thread pool: the schedule must not wait behind reply processing.
        var dispatcher = new Thread(Dispatch) { IsBackground = true, Name = "open-loop dispatcher" };
        dispatcher.Start();
        await _dispatched.Task;
        for (var waited = 0; Volatile.Read(ref _inFlight) > 0 && waited < 60_000; waited += 10) await Task.Delay(10, CancellationToken.None);
    }

    private void Dispatch()
    {
        try
        {
            var begin = Stopwatch.GetTimestamp();
            long fired = 0;
            while (!window.Finished && !cancellation.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                // Request i is due at begin + i/rate, so request 0 at once and i is due once i/rate has passed.
                var due = (long)((now - begin) * rate / Stopwatch.Frequency) + 1;
                for (; fired < due; fired++)
                {
                    // Sleep granularity (~1 ms) makes dispatch late by up to a tick; reported so it is not mistaken for server time.
                    if (window.Contains(now)) Lag.Record(Window.Micros(begin + (long)(fired * Stopwatch.Frequency / rate), now));
                    if (Volatile.Read(ref _inFlight) >= MaxInFlight)
                    {
                        lock (Stats) Stats.Error($"more than {MaxInFlight} requests in flight: schedule overrun");
                        continue;
                    }
                    Interlocked.Increment(ref _inFlight);
                    _ = FireAsync(fired);
                }
                Thread.Sleep(1);
            }
            Fired = fired;
        }
        finally
        {
            _dispatched.SetResult();
        }
    }

    private async Task FireAsync(long sequence)
    {
        var reply = _buffers.TryTake(out var pooled) ? pooled : new ResponseBuffer();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var error = await send(sequence, started, reply, cancellation);
            var completed = Stopwatch.GetTimestamp();
            lock (Stats)
            {
                if (error is null) Stats.Record(window, started, completed, 1);
                else Stats.Error(error);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception error)
        {
            lock (Stats) Stats.Error($"{name}: {error.GetType().Name}: {error.Message}");
        }
        finally
        {
            _buffers.Add(reply);
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
