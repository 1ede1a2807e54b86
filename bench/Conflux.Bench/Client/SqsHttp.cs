namespace Conflux.Bench.Client;

/// <summary>
/// Raw AWS JSON 1.0 over HTTP/1.1 keep-alive: one pooled connection per client, pre-built bodies and a
/// constant (unverified) SigV4 header. The AWS SDK would spend more client CPU than the server under test.
/// </summary>
internal sealed class SqsHttp : IDisposable
{
    // A plausible SigV4 header: Conflux and moto read the credential scope but do not verify the signature.
    private const string Authorization =
        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, " +
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private const string AmzDate = "20260101T000000Z";
    private const string ContentType = "application/x-amz-json-1.0";

    private readonly HttpClient _client;
    private readonly Uri _endpoint;

    public SqsHttp(Uri baseUri, int connections)
    {
        _endpoint = baseUri;
        _client = LoopbackHttp.Create(connections);
    }

    /// <summary>Posts one call; the reply body lands in <paramref name="reply"/>. Returns the HTTP status.</summary>
    public async ValueTask<int> PostAsync(SqsAction action, ReadOnlyMemory<byte> body, ResponseBuffer reply, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ReadOnlyMemoryContent(body) };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", action.Target);
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
