using System.Collections.Concurrent;
using System.Diagnostics;
using Conflux.Bench.Client;
using Conflux.Bench.Measurement;

namespace Conflux.Bench.Scenarios;

/// <summary>
/// Sends one pre-built request on a fixed schedule: request i is due at start + i/rate whether or not earlier
/// ones have answered, so a slow reply cannot hide the requests queued behind it (no coordinated omission).
/// </summary>
internal sealed class OpenLoop(SqsHttp http, SqsAction action, byte[] body, double rate, Window window, CancellationToken cancellation)
{
    // Past this many requests in flight the server is not keeping up; later ones are counted as errors, not sent.
    private const int MaxInFlight = 10_000;
    private readonly ConcurrentBag<ResponseBuffer> _buffers = [];
    private readonly TaskCompletionSource _dispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    public OpStats Stats { get; } = new(action.Name);

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
                var due = (long)((now - begin) * rate / Stopwatch.Frequency);
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
                    _ = FireAsync();
                }
                Thread.Sleep(1);
            }
        }
        finally
        {
            _dispatched.SetResult();
        }
    }

    private async Task FireAsync()
    {
        var reply = _buffers.TryTake(out var pooled) ? pooled : new ResponseBuffer();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var status = await http.PostAsync(action, body, reply, cancellation);
            var completed = Stopwatch.GetTimestamp();
            lock (Stats)
            {
                if (status == 200) Stats.Record(window, started, completed, 1);
                else Stats.Error($"{action}: HTTP {status} {reply.Preview()}");
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception error)
        {
            lock (Stats) Stats.Error($"{action}: {error.GetType().Name}: {error.Message}");
        }
        finally
        {
            _buffers.Add(reply);
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
