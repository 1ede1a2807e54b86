namespace Conflux.Aws.Protocol;

/// <summary>What a request says about its signer: the SigV4 credential scope, or a SigV2 access key.</summary>
public sealed record AwsCredentials(string AccessKeyId, string? Region, string? Service, string? Signature)
{
    /// <summary>
    /// Reads the Authorization header (SigV4 "Credential=AKID/date/region/service/aws4_request" or SigV2
    /// "AWS AKID:sig") or presigned query parameters. Returns null for anonymous requests.
    /// </summary>
    public static AwsCredentials? From(string? authorization, IReadOnlyDictionary<string, string>? query)
    {
        if (!string.IsNullOrEmpty(authorization))
        {
            var credential = Part(authorization, "Credential=");
            if (credential is not null) return FromScope(credential, Part(authorization, "Signature="));
            if (authorization.StartsWith("AWS ", StringComparison.Ordinal))
            {
                var colon = authorization.IndexOf(':', 4);
                return new AwsCredentials(colon > 4 ? authorization[4..colon] : authorization[4..], null, null, null);
            }
        }
        if (query is not null)
        {
            if (query.TryGetValue("X-Amz-Credential", out var scope)) return FromScope(scope, query.GetValueOrDefault("X-Amz-Signature"));
            if (query.TryGetValue("AWSAccessKeyId", out var key)) return new AwsCredentials(key, null, null, query.GetValueOrDefault("Signature"));
        }
        return null;
    }

    private static AwsCredentials FromScope(string scope, string? signature)
    {
        // AKID/date/region/service/aws4_request
        var rest = scope.AsSpan();
        var key = Next(ref rest)!;
        _ = Next(ref rest);
        var region = Next(ref rest);
        return new AwsCredentials(key, region, Next(ref rest), signature);
    }

    private static string? Next(ref ReadOnlySpan<char> rest)
    {
        if (rest.IsEmpty) return null;
        var slash = rest.IndexOf('/');
        var part = slash < 0 ? rest : rest[..slash];
        rest = slash < 0 ? default : rest[(slash + 1)..];
        return part.ToString();
    }

    private static string? Part(string header, string key)
    {
        var start = header.IndexOf(key, StringComparison.Ordinal);
        if (start < 0) return null;
        start += key.Length;
        var end = header.IndexOfAny([',', ' '], start);
        return end < 0 ? header[start..] : header[start..end];
    }
}
