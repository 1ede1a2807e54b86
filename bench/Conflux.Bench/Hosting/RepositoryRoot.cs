namespace Conflux.Bench.Hosting;

internal static class RepositoryRoot
{
    /// <summary>The directory holding Conflux.slnx, searched upwards from the working directory, then from the binary.</summary>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Conflux.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (Conflux.slnx); run the bench from inside the repository.");
    }
}
