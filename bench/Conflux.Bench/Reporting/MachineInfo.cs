using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Conflux.Bench.Reporting;

/// <summary>What the numbers were measured on: they mean little without it.</summary>
internal sealed record MachineInfo(int Processors, string Cpu, string Memory, string Os, string Kernel, string Runtime, string Moto, string Commit)
{
    public static MachineInfo Collect(string repository) => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        FirstValue("/proc/meminfo", "MemTotal") is { } kb ? Format.Bytes(long.Parse(kb.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024) : "unknown",
        RuntimeInformation.OSDescription,
        ReadTrimmed("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.VersionString,
        RuntimeInformation.FrameworkDescription,
        Run("python3", "-c", "import moto; print(moto.__version__)") is { } moto ? "moto " + moto : "unknown",
        Run("git", "-C", repository, "describe", "--always", "--dirty") ?? "unknown");

    private static string? FirstValue(string file, string key)
    {
        if (!File.Exists(file)) return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string? ReadTrimmed(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : null;

    private static string? Run(string command, params string[] arguments)
    {
        try
        {
            var info = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) info.ArgumentList.Add(argument);
            using var process = Process.Start(info);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(10_000);
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
