namespace Conflux.Bench.Client;

/// <summary>
/// Raw SNS query protocol over HTTP/1.1 keep-alive: form-encoded POSTs, pre-built bodies, one pooled connection per
/// client and a constant SigV4 header whose credential scope ("sns") routes the call; neither Conflux nor moto_server
/// verifies the signature.
/// </summary>
internal sealed class SnsHttp : IDisposable
{
    private const string Authorization =
        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request, SignedHeaders=content-type;host;x-amz-date, " +
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private const string AmzDate = "20260101T000000Z";
    private const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private readonly HttpClient _client;
    private readonly Uri _endpoint;

    public SnsHttp(Uri baseUri, int connections)
    {
        _endpoint = baseUri;
        _client = LoopbackHttp.Create(connections);
    }

    /// <summary>Posts one form (it names its own Action); the XML reply lands in <paramref name="reply"/>. Returns the HTTP status.</summary>
    public async ValueTask<int> PostAsync(ReadOnlyMemory<byte> form, ResponseBuffer reply, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ReadOnlyMemoryContent(form) };
        request.Headers.TryAddWithoutValidation("X-Amz-Date", AmzDate);
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        await reply.FillAsync(stream, cancellation);
        return (int)response.StatusCode;
    }

    public void Dispose() => _client.Dispose();
}
