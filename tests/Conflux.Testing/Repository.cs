namespace Conflux.Testing;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever the tests were built in.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ServerDll => Path.Combine(Root, "src", "Conflux.Server", "bin", Configuration, "net10.0", "Conflux.Server.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Conflux.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Conflux.slnx) above " + AppContext.BaseDirectory);
    }
}
