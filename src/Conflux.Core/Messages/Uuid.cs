namespace Conflux.Core.Messages;

/// <summary>
/// Random (version 4) UUID strings for message and request ids. Guid.NewGuid asks the kernel for
/// cryptographic randomness on every call; ids only need to be unique, so this draws from the
/// per-thread xoshiro generator behind Random.Shared (seeded from the OS) — 122 random bits.
/// </summary>
public static class Uuid
{
    public static string NewString()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }
}
