namespace Conflux.Bench.Hosting;

/// <summary>A server under load: where it listens and, when the bench started it, its process.</summary>
internal sealed class Target(string name, Uri baseUri, ChildProcess? process, string? dataDirectory) : IDisposable
{
    public string Name { get; } = name;

    public Uri BaseUri { get; } = baseUri;

    public ChildProcess? Process { get; } = process;

    public string? DataDirectory { get; } = dataDirectory;

    /// <summary>Fails if a server the bench started has died, with the end of its log.</summary>
    public void EnsureAlive()
    {
        if (Process is { HasExited: true }) throw new InvalidOperationException($"{Name} has exited.\n{Process.LogTail()}");
    }

    /// <summary>Stops a server the bench started and removes its data directory.</summary>
    public void Dispose()
    {
        if (Process is null) return;
        Process.Dispose();
        try
        {
            if (DataDirectory is { } dir && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"bench: could not remove {DataDirectory}: {error.Message}");
        }
    }
}
