namespace Conflux.Bench.Hosting;

/// <summary>Resident memory of a process from /proc/&lt;pid&gt;/status, in bytes (null if unreadable).</summary>
internal sealed record ProcStatus(long? PeakRss, long? Rss)
{
    public static ProcStatus Read(int pid)
    {
        try
        {
            long? peak = null, current = null;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = Kilobytes(line);
            }
            return new ProcStatus(peak, current);
        }
        catch (IOException)
        {
            return new ProcStatus(null, null);
        }
    }

    public static long DirectorySize(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
