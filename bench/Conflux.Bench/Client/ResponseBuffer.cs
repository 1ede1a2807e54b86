namespace Conflux.Bench.Client;

/// <summary>One worker's reusable response buffer, grown as needed, so reading replies allocates nothing.</summary>
internal sealed class ResponseBuffer
{
    private byte[] _bytes = new byte[16 * 1024];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public async ValueTask FillAsync(Stream stream, CancellationToken cancellation)
    {
        Length = 0;
        while (true)
        {
            if (Length == _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
            var read = await stream.ReadAsync(_bytes.AsMemory(Length), cancellation);
            if (read == 0) return;
            Length += read;
        }
    }

    /// <summary>The start of the reply as text, for error messages.</summary>
    public string Preview(int max = 300) => System.Text.Encoding.UTF8.GetString(_bytes, 0, Math.Min(Length, max));
}
