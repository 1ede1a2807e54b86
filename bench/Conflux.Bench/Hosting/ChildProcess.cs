using System.Diagnostics;

namespace Conflux.Bench.Hosting;

/// <summary>
/// A server the bench started. Output goes straight to a log file (through sh's exec, so the pid is the
/// server's own) rather than through pipes the bench would have to drain with its own CPU.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly IDisposable _registration;

    private ChildProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _registration = Cleanup.Register(Kill);
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = "exec " + string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote)) + " >" + Quote(logPath) + " 2>&1 </dev/null";
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        return new ChildProcess(name, process, logPath);
    }

    /// <summary>Polls <paramref name="probe"/> until it answers true; fails fast if the process dies.</summary>
    public async Task WaitReadyAsync(Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            cancellation.ThrowIfCancellationRequested();
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready.\n{LogTail()}");
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                if (await probe(attempt.Token)) return;
            }
            catch (Exception error) when (error is HttpRequestException or OperationCanceledException && !cancellation.IsCancellationRequested)
            {
                // Not listening yet.
            }
            await Task.Delay(200, cancellation);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s.\n{LogTail()}");
    }

    public string LogTail(int lines = 30)
    {
        try
        {
            return File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(lines)) : "(no log)";
        }
        catch (IOException error)
        {
            return $"(log unreadable: {error.Message})";
        }
    }

    public void Dispose()
    {
        Kill();
        _registration.Dispose();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (_process.HasExited) return;
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
