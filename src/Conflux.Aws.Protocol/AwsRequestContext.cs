using Conflux.Core.Security;
using Microsoft.AspNetCore.Http;

namespace Conflux.Aws.Protocol;

/// <summary>One decoded AWS request as a face sees it.</summary>
public sealed class AwsRequestContext(
    HttpContext http,
    AwsProtocol protocol,
    string action,
    RequestNode parameters,
    string requestId,
    Principal principal,
    AwsAccount account)
{
    public HttpContext Http { get; } = http;

    public AwsProtocol Protocol { get; } = protocol;

    public string Action { get; } = action;

    public RequestNode Parameters { get; } = parameters;

    public string RequestId { get; } = requestId;

    public Principal Principal { get; } = principal;

    public AwsAccount Account { get; } = account;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Scheme and authority the client used to reach us ("http://localhost:4566"), for resource URLs.</summary>
    public string BaseUrl => $"{Http.Request.Scheme}://{Http.Request.Host}";
}

/// <summary>The account and region this server impersonates in ARNs and URLs.</summary>
public sealed record AwsAccount(string AccountId, string Region, string Partition = "aws");
