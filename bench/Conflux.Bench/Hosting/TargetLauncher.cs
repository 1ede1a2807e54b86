using System.Net;
using System.Reflection;
using Conflux.Bench.Options;

namespace Conflux.Bench.Hosting;

/// <summary>Starts (or attaches to) each target on loopback and waits until it answers.</summary>
internal sealed class TargetLauncher(BenchOptions options, TempDirectory scratch, string repository) : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private readonly FreePorts _ports = new(options.PortsFrom);
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private int _confluxStarts;
    private string? _confluxDll;

    public async Task<Target> StartAsync(string name, CancellationToken cancellation) => name switch
    {
        TargetNames.Conflux when options.ConfluxUrl is { } url => await AttachAsync(url, cancellation),
        TargetNames.Conflux => await StartConfluxAsync(cancellation),
        TargetNames.Moto => await StartMotoAsync(cancellation),
        TargetNames.Ceiling => await StartCeilingAsync(cancellation),
        _ => throw new ArgumentException($"Unknown target {name}.", nameof(name)),
    };

    public void Dispose() => _probe.Dispose();

    private async Task<Target> AttachAsync(Uri url, CancellationToken cancellation)
    {
        using var response = await _probe.GetAsync(new Uri(url, "/health"), cancellation);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered /health with {(int)response.StatusCode}.");
        return new Target(TargetNames.Conflux, url, null, null);
    }

    private async Task<Target> StartConfluxAsync(CancellationToken cancellation)
    {
        var dll = _confluxDll ??= await ServerBuild.LocateAsync(repository, scratch, cancellation);
        var port = _ports.Next();
        // A fresh data directory per start (a run restarts targets between phases); the target removes it when disposed.
        var data = scratch.Sub($"conflux-data-{++_confluxStarts}");
        // Durability stays on: --sync defaults to full (fsync every group commit).
        var process = ChildProcess.Start("conflux", "dotnet",
            [dll, "serve", "--host", "127.0.0.1", "--port", Port(port), "--data-dir", data, "--log-level", "Warning"],
            Path.Combine(scratch.Path, "conflux.log"));
        return await ReadyAsync(TargetNames.Conflux, process, port, "/health", requireOk: true, data, cancellation);
    }

    private async Task<Target> StartMotoAsync(CancellationToken cancellation)
    {
        var port = _ports.Next();
        var process = ChildProcess.Start("moto_server", "moto_server", ["-p", Port(port), "-H", "127.0.0.1"], Path.Combine(scratch.Path, "moto.log"));
        return await ReadyAsync(TargetNames.Moto, process, port, "/moto-api/", requireOk: false, null, cancellation);
    }

    private async Task<Target> StartCeilingAsync(CancellationToken cancellation)
    {
        var port = _ports.Next();
        // The ceiling runs as its own process, like the other targets, so it does not share the client's thread pool or GC.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell how this process was started.");
        List<string> arguments = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [Assembly.GetEntryAssembly()!.Location] : [];
        arguments.AddRange([Ceiling.CeilingServer.Command, "--port", Port(port)]);
        var process = ChildProcess.Start("ceiling", self, arguments, Path.Combine(scratch.Path, "ceiling.log"),
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        return await ReadyAsync(TargetNames.Ceiling, process, port, "/", requireOk: true, null, cancellation);
    }

    private async Task<Target> ReadyAsync(string name, ChildProcess process, int port, string probePath, bool requireOk, string? data, CancellationToken cancellation)
    {
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            await process.WaitReadyAsync(async token =>
            {
                using var response = await _probe.GetAsync(new Uri(baseUri, probePath), token);
                return !requireOk || response.StatusCode == HttpStatusCode.OK;
            }, StartupTimeout, cancellation);
        }
        catch
        {
            process.Dispose();
            throw;
        }
        Console.Error.WriteLine($"bench: {name} ready on {baseUri} (pid {process.Id})");
        return new Target(name, baseUri, process, data);
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
