using System.Diagnostics;

namespace Conflux.Bench.Hosting;

/// <summary>
/// A Release build of Conflux.Server: ./conflux's own output when its stamp is newer than every source
/// (the same rule the script uses), else a fresh publish into the bench's scratch directory.
/// </summary>
internal static class ServerBuild
{
    public static async Task<string> LocateAsync(string repository, TempDirectory scratch, CancellationToken cancellation)
    {
        var cached = Path.Combine(repository, ".build", "server");
        var dll = Path.Combine(cached, "Conflux.Server.dll");
        if (IsFresh(repository, dll, Path.Combine(cached, ".stamp")))
        {
            Console.Error.WriteLine($"bench: using ./conflux's build at {cached}");
            return dll;
        }

        var output = scratch.Sub("server");
        var log = Path.Combine(scratch.Path, "publish.log");
        Console.Error.WriteLine("bench: publishing Conflux.Server (Release)...");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", Path.Combine(repository, "src", "Conflux.Server", "Conflux.Server.csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet", "-p:UseAppHost=false" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run dotnet publish.");
        using var registration = Cleanup.Register(() => KillQuietly(process));
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        try
        {
            await process.WaitForExitAsync(cancellation);
        }
        finally
        {
            KillQuietly(process);
        }
        await File.WriteAllTextAsync(log, await stdout + await stderr, cancellation);
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}{await stderr}");
        return Path.Combine(output, "Conflux.Server.dll");
    }

    private static bool IsFresh(string repository, string dll, string stamp)
    {
        if (!File.Exists(dll) || !File.Exists(stamp)) return false;
        var built = File.GetLastWriteTimeUtc(stamp);
        var inputs = Directory.EnumerateFiles(Path.Combine(repository, "src"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
            .Append(Path.Combine(repository, "Directory.Build.props"))
            .Append(Path.Combine(repository, "Directory.Packages.props"));
        return inputs.All(f => !File.Exists(f) || File.GetLastWriteTimeUtc(f) <= built);
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
