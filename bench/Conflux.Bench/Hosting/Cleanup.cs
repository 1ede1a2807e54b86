using System.Runtime.InteropServices;

namespace Conflux.Bench.Hosting;

/// <summary>
/// Last-resort teardown: every child process and temp directory registers here, so Ctrl-C, SIGTERM, an
/// unhandled exception or a normal exit all leave nothing running and nothing on disk.
/// </summary>
internal static class Cleanup
{
    private static readonly Lock Gate = new();
    private static readonly List<Action> Actions = [];
    private static readonly CancellationTokenSource Stop = new();
    private static readonly List<PosixSignalRegistration> Signals = [];
    private static int _signalCount;

    /// <summary>Cancelled on the first Ctrl-C/SIGTERM; the run unwinds through its finally blocks.</summary>
    public static CancellationToken Stopping => Stop.Token;

    public static void Install()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            Signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => RunAll();
    }

    /// <summary>Registers an idempotent teardown; dispose the result once it has run normally.</summary>
    public static IDisposable Register(Action action)
    {
        lock (Gate) Actions.Add(action);
        return new Registration(action);
    }

    public static void RunAll()
    {
        Action[] pending;
        lock (Gate)
        {
            pending = [.. Actions];
            Actions.Clear();
        }
        foreach (var action in pending.Reverse())
        {
            try
            {
                action();
            }
            catch (Exception error)
            {
                Console.Error.WriteLine($"cleanup: {error.Message}");
            }
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signalCount) == 1)
        {
            // First signal: let the run stop gracefully and still print what it has.
            context.Cancel = true;
            Console.Error.WriteLine("bench: stopping (signal again to abort at once)...");
            Stop.Cancel();
            return;
        }
        RunAll();
    }

    private sealed class Registration(Action action) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) Actions.Remove(action);
        }
    }
}
