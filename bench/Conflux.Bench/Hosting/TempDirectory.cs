namespace Conflux.Bench.Hosting;

/// <summary>A private scratch directory (server data, logs, a server build) removed on dispose or at exit.</summary>
internal sealed class TempDirectory : IDisposable
{
    private readonly IDisposable _registration;

    public TempDirectory(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        _registration = Cleanup.Register(Delete);
    }

    public string Path { get; }

    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        Delete();
        _registration.Dispose();
    }

    private void Delete()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
