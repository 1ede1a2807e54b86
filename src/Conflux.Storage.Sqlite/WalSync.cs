using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Conflux.Storage.Sqlite;

/// <summary>
/// Makes each commit durable with one fdatasync of the WAL. The bundled SQLite is built without
/// fdatasync, so with synchronous=FULL it calls fsync, which on ext4 also commits a journal
/// transaction for the mtime change of every write. With synchronous=NORMAL SQLite does not sync on
/// commit (it still syncs around checkpoints); this flushes the WAL's data — and its size, should it
/// have grown — before the commit is acknowledged, which is what FULL guarantees. The WAL is never
/// unlinked while the writer connection is open, so the handle stays on the live file.
/// </summary>
internal sealed partial class WalSync : IDisposable
{
    private readonly string _path;
    private SafeFileHandle? _handle;

    public WalSync(string databasePath) => _path = databasePath + "-wal";

    public void Flush()
    {
        if (!OperatingSystem.IsLinux())
        {
            _handle ??= File.OpenHandle(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(_handle);
            return;
        }
        _handle ??= File.OpenHandle(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (FDataSync((int)_handle.DangerousGetHandle()) != 0)
            throw new IOException($"fdatasync of {_path} failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FDataSync(int fd);

    public void Dispose() => _handle?.Dispose();
}
