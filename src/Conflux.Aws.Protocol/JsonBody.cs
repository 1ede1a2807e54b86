using System.Buffers;
using System.Text.Json;

namespace Conflux.Aws.Protocol;

/// <summary>
/// A parsed JSON request body that owns its bytes. JsonDocument keeps referencing the memory it was
/// parsed from, so it must not be Kestrel's pipe buffer, which is reused once the body is consumed.
/// </summary>
public sealed class JsonBody : IDisposable
{
    private byte[]? _rented;

    private JsonBody(byte[]? rented, JsonDocument document)
    {
        _rented = rented;
        Document = document;
    }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>Copies <paramref name="body"/> into a pooled array and parses it.</summary>
    public static JsonBody Parse(ReadOnlySequence<byte> body)
    {
        var length = checked((int)body.Length);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            body.CopyTo(rented);
            return new JsonBody(rented, JsonDocument.Parse(rented.AsMemory(0, length)));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(rented);
            throw;
        }
    }

    public void Dispose()
    {
        Document.Dispose();
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
