using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Conflux.Testing;

/// <summary>
/// A real Conflux server process on a free loopback port. Tests talk to it over the wire with real
/// clients; <see cref="Kill"/> is kill -9, <see cref="StopAsync"/> is SIGTERM.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly bool _ownsDataDirectory;

    private ServerProcess(Process process, int port, string dataDirectory, bool ownsDataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Starts a server and waits until /health answers. A null data directory gets a fresh temporary one.</summary>
    public static async Task<ServerProcess> StartAsync(string? dataDirectory = null, int? port = null, params string[] extraArguments)
    {
        if (!File.Exists(Repository.ServerDll)) throw new FileNotFoundException("Build the server first.", Repository.ServerDll);
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("conflux-test-").FullName;
        var chosenPort = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[Repository.ServerDll, "serve", "--port", chosenPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDirectory, "--log-level", "Warning", .. extraArguments])
            info.ArgumentList.Add(arg);
        info.Environment["DOTNET_gcServer"] = "0";
        var server = new ServerProcess(Process.Start(info)!, chosenPort, dataDirectory, owns);
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var healthy = await Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"Server exited with {_process.ExitCode}:\n{Log}");
            try
            {
                return (await http.GetAsync($"{Endpoint}/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, timeout, TimeSpan.FromMilliseconds(50));
        if (!healthy) throw new TimeoutException($"Server did not become healthy:\n{Log}");
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then wait for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cts.Token);
        }
        return _process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }
        _process.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp directory left behind is harmless.
            }
        }
    }
}
