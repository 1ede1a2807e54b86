using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Conflux.Testing;

/// <summary>
/// Runs one face's Python suite (boto3, botocore, the aws CLI…) once against a real server and keeps
/// each test's outcome, so every Python test is reported as its own xunit case. A face's test project
/// derives a fixture naming its suite directory and a <c>[Theory]</c> over <see cref="Discover"/>.
/// </summary>
public abstract partial class PythonSuiteFixture(string suiteDirectory) : IAsyncLifetime
{
    private ServerProcess? _server;
    private Dictionary<string, PythonResult> _results = [];
    private string _runnerOutput = "";

    public static string Runner => Path.Combine(Repository.Root, "tests", "Conflux.Testing", "python", "runner.py");

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        var output = Path.Combine(Path.GetTempPath(), $"conflux-python-{Guid.NewGuid():N}.json");
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Runner, "--dir", suiteDirectory, "--endpoint", _server.Endpoint, "--out", output]) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        _runnerOutput = await stdout + await stderr;
        if (File.Exists(output))
        {
            _results = JsonSerializer.Deserialize<Dictionary<string, PythonResult>>(await File.ReadAllTextAsync(output)) ?? [];
            File.Delete(output);
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    public void AssertPassed(string id)
    {
        if (!_results.TryGetValue(id, out var result))
        {
            var module = id.Split('.')[0];
            if (_results.TryGetValue(module, out var importFailure)) Assert.Fail(importFailure.Message);
            Assert.Fail($"No result for {id}. Runner output:\n{_runnerOutput}\nServer log:\n{_server?.Log}");
        }
        if (result.Outcome != "passed") Assert.Fail($"{id} {result.Outcome}:\n{result.Message}");
    }

    /// <summary>Test ids "module.Class.test_name" found by reading the suite's Python files.</summary>
    public static IEnumerable<object[]> Discover(string suiteDirectory)
    {
        foreach (var file in Directory.GetFiles(suiteDirectory, "test_*.py").Order(StringComparer.Ordinal))
        {
            var module = Path.GetFileNameWithoutExtension(file);
            string? type = null;
            foreach (var line in File.ReadLines(file))
            {
                var cls = ClassPattern().Match(line);
                if (cls.Success) type = cls.Groups[1].Value;
                var test = TestPattern().Match(line);
                if (test.Success && type is not null) yield return [$"{module}.{type}.{test.Groups[1].Value}"];
            }
        }
    }

    [GeneratedRegex(@"^class (\w+)\(")]
    private static partial Regex ClassPattern();

    [GeneratedRegex(@"^    def (test_\w+)\(")]
    private static partial Regex TestPattern();

    private sealed record PythonResult(
        [property: System.Text.Json.Serialization.JsonPropertyName("outcome")] string Outcome,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
}
