using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conflux.Testing;

namespace Conflux.Aws.Sns.Tests;

/// <summary>
/// Runs the SNS Python suites (boto3 and botocore over the query protocol, the aws CLI, an in-test HTTP subscriber) once against
/// a real server and keeps each test's outcome, so every Python test is reported as its own xunit case.
/// </summary>
public sealed partial class PythonSuiteFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private Dictionary<string, PythonResult> _results = [];
    private string _runnerOutput = "";

    public static string Directory => Path.Combine(Repository.Root, "tests", "Conflux.Aws.Sns.Tests", "python");

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync();
        var output = Path.Combine(Path.GetTempPath(), $"conflux-sns-python-{Guid.NewGuid():N}.json");
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(Directory, "runner.py"), "--endpoint", _server.Endpoint, "--out", output]) info.ArgumentList.Add(arg);
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

    /// <summary>Test ids "module.Class.test_name" found by reading the Python files.</summary>
    public static IEnumerable<object[]> Discover()
    {
        foreach (var file in System.IO.Directory.GetFiles(Directory, "test_*.py").Order(StringComparer.Ordinal))
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

public sealed class PythonSuiteTests(PythonSuiteFixture fixture) : IClassFixture<PythonSuiteFixture>
{
    public static IEnumerable<object[]> Cases => PythonSuiteFixture.Discover();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Python(string test) => fixture.AssertPassed(test);
}
