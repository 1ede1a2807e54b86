using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Conflux.Testing;

namespace Conflux.Server.Tests;

/// <summary>The host as an operator meets it: command line, environment, health, shutdown, data directory.</summary>
public sealed class HostTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(IDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repository.ServerDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Help_ListsServeAndItsOptions()
    {
        var (code, output) = await RunAsync(null, "serve", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--port", "--host", "--data-dir", "--storage", "CONFLUX_PORT" }) Assert.Contains(option, output);
        var (_, root) = await RunAsync(null, "--help");
        Assert.Contains("serve", root);
    }

    [Fact]
    public async Task Health_ReportsOkAndStorage()
    {
        await using var server = await ServerProcess.StartAsync();
        using var http = new HttpClient();
        var response = await http.GetAsync($"{server.Endpoint}/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("sqlite", body.RootElement.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Sigterm_ShutsDownCleanlyWithExitCodeZero()
    {
        var server = await ServerProcess.StartAsync();
        await using (server)
        {
            Assert.Equal(0, await server.StopAsync());
        }
    }

    [Fact]
    public async Task Sigterm_WithLongPollsParked_ShutsDownWithoutWaitingForThem()
    {
        var server = await ServerProcess.StartAsync();
        await using (server)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var create = new HttpRequestMessage(HttpMethod.Post, server.Endpoint) { Content = new StringContent("Action=CreateQueue&QueueName=parked", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
            (await http.SendAsync(create)).EnsureSuccessStatusCode();
            var polls = Enumerable.Range(0, 4).Select(_ => http.PostAsync(server.Endpoint,
                new StringContent($"Action=ReceiveMessage&QueueUrl={Uri.EscapeDataString(server.Endpoint + "/000000000000/parked")}&WaitTimeSeconds=20",
                    System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"))).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(500));

            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(15)));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"shutdown took {stopwatch.Elapsed}");
            foreach (var poll in polls) Assert.True((await poll).IsSuccessStatusCode);
        }
    }

    [Fact]
    public async Task EnvironmentVariables_ConfigurePortAndStorage()
    {
        var port = ServerProcess.FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Repository.ServerDll);
        info.ArgumentList.Add("serve");
        info.Environment["CONFLUX_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["CONFLUX_STORAGE"] = "memory";
        using var process = Process.Start(info)!;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            string? health = null;
            Assert.True(await Eventually.TrueAsync(async () =>
            {
                try
                {
                    health = await http.GetStringAsync($"http://127.0.0.1:{port}/health");
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60)));
            Assert.Contains("\"storage\":\"memory\"", health);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task SecondServerOnSameDataDirectory_RefusesToStart()
    {
        await using var first = await ServerProcess.StartAsync();
        var (code, output) = await RunAsync(null, "serve", "--port", ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", first.DataDirectory);
        Assert.Equal(2, code);
        Assert.Contains("Another Conflux server is using the data directory", output);
    }

    [Fact]
    public async Task PortInUse_ExitsWithClearError()
    {
        await using var first = await ServerProcess.StartAsync();
        var (code, output) = await RunAsync(null, "serve", "--port", first.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--storage", "memory");
        Assert.Equal(1, code);
        Assert.Contains("Cannot listen", output);
    }

    [Fact]
    public async Task UnknownPath_Returns404Json()
    {
        await using var server = await ServerProcess.StartAsync(null, null, "--storage", "memory");
        using var http = new HttpClient();
        var response = await http.GetAsync($"{server.Endpoint}/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
