using System.Xml.Linq;

namespace Conflux.Aws.Sns.Tests;

/// <summary>
/// A minimal SNS query-protocol client for C# tests (no .NET SNS SDK is in the package feed): posts
/// form-encoded actions and returns the parsed XML result, throwing on an error document.
/// </summary>
internal sealed class SnsQueryClient(string endpoint) : IDisposable
{
    private static readonly XNamespace Ns = "http://sns.amazonaws.com/doc/2010-03-31/";
    private readonly HttpClient _http = new() { BaseAddress = new Uri(endpoint), Timeout = TimeSpan.FromSeconds(30) };

    public async Task<XElement> CallAsync(string action, params (string Key, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-03-31") };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        using var content = new FormUrlEncodedContent(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        // The signing scope tells the router this is SNS (AddPermission exists in SQS too).
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await _http.SendAsync(request);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode) throw new SnsQueryException(document.Descendants(Ns + "Code").FirstOrDefault()?.Value ?? "?", document.ToString());
        return document.Root!;
    }

    public async Task<string> ValueAsync(string action, string element, params (string Key, string Value)[] parameters) =>
        (await CallAsync(action, parameters)).Descendants(Ns + element).First().Value;

    public void Dispose() => _http.Dispose();
}

internal sealed class SnsQueryException(string code, string document) : Exception($"{code}: {document}")
{
    public string Code { get; } = code;
}
