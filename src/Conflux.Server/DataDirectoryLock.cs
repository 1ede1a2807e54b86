namespace Conflux.Server;

/// <summary>An exclusive lock file, so two servers never write one data directory.</summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock? Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            return new DataDirectoryLock(new FileStream(Path.Combine(directory, "conflux.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
