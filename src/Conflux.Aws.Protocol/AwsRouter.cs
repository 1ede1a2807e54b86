using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Conflux.Core.Messages;
using Conflux.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conflux.Aws.Protocol;

/// <summary>
/// The AWS front door: decides protocol and service for each HTTP request, decodes it into an
/// <see cref="AwsRequestContext"/>, runs the face and encodes the result or error as that protocol does.
/// </summary>
public sealed class AwsRouter(IEnumerable<IAwsService> services, AwsAccount account, IAwsAuthenticator authenticator, ILogger<AwsRouter> logger)
{
    private const string JsonContentType = "application/x-amz-json-1.0";
    private readonly IAwsService[] _services = [.. services];

    /// <summary>True when the request looks like an AWS API call (JSON target or query Action).</summary>
    public static bool IsAwsRequest(HttpRequest request) =>
        request.Headers.ContainsKey("X-Amz-Target") ||
        request.Query.ContainsKey("Action") ||
        (HttpMethods.IsPost(request.Method) && request.HasFormContentType);

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Uuid.NewString();
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var protocol = target.Length > 0 ? AwsProtocol.Json : AwsProtocol.Query;
        IAwsService? service = null;
        try
        {
            if (protocol == AwsProtocol.Json)
            {
                var dot = target.LastIndexOf('.');
                service = dot > 0 ? FindByTarget(target.AsSpan(0, dot)) : null;
                var action = service?.CanonicalAction(target.AsSpan(dot + 1));
                if (action is null || service is null) throw CommonErrors.UnknownOperation();
                using var body = await ReadJsonAsync(http.Request).ConfigureAwait(false);
                var credentials = AwsCredentials.From(http.Request.Headers.Authorization, null);
                var principal = await authenticator.AuthenticateAsync(http, credentials, account).ConfigureAwait(false);
                var context = new AwsRequestContext(http, protocol, action, new JsonRequestNode(body.Root), requestId, principal, account);
                using var output = new PooledBufferWriter();
                using var writer = new JsonResponseWriter(output);
                await service.HandleAsync(context, writer).ConfigureAwait(false);
                writer.Finish(output);
                await WriteAsync(http, JsonContentType, requestId, output).ConfigureAwait(false);
            }
            else
            {
                var parameters = await ReadQueryAsync(http.Request).ConfigureAwait(false);
                if (!parameters.TryGetValue("Action", out var action) || action.Length == 0)
                    throw new AwsServiceException("MissingAction", "MissingAction", "Missing Action", 400);
                var credentials = AwsCredentials.From(http.Request.Headers.Authorization, parameters);
                service = Resolve(action, credentials?.Service, http.Request.Path.Value ?? "/");
                if (service is null) throw CommonErrors.InvalidAction(action);
                var principal = await authenticator.AuthenticateAsync(http, credentials, account).ConfigureAwait(false);
                var context = new AwsRequestContext(http, protocol, action, new QueryRequestNode(parameters), requestId, principal, account);
                using var output = new PooledBufferWriter();
                using var writer = new XmlResponseWriter(action, service.XmlNamespace, requestId, service.HasResult(action), service.XmlFlattened);
                await service.HandleAsync(context, writer).ConfigureAwait(false);
                writer.Finish(output);
                await WriteAsync(http, "text/xml", requestId, output).ConfigureAwait(false);
            }
        }
        catch (AwsServiceException error)
        {
            await WriteErrorAsync(http, protocol, service, error, requestId).ConfigureAwait(false);
        }
        catch (BadHttpRequestException bad)
        {
            var error = new AwsServiceException("RequestEntityTooLarge", "RequestEntityTooLarge", bad.Message, bad.StatusCode);
            await WriteErrorAsync(http, protocol, service, error, requestId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (StorageFaultException fault)
        {
            logger.LogCritical(fault, "Storage has failed; refusing writes");
            await WriteErrorAsync(http, protocol, service, CommonErrors.ServiceUnavailable(), requestId).ConfigureAwait(false);
        }
        catch (Exception unexpected)
        {
            logger.LogError(unexpected, "Unhandled error in {Target}", target.Length > 0 ? target : http.Request.Path.Value);
            await WriteErrorAsync(http, protocol, service, CommonErrors.InternalFailure(), requestId).ConfigureAwait(false);
        }
    }

    private IAwsService? FindByTarget(ReadOnlySpan<char> prefix)
    {
        foreach (var service in _services)
            if (prefix.SequenceEqual(service.JsonTargetPrefix)) return service;
        return null;
    }

    /// <summary>Picks the service for a query action: the signing scope first, then the path, then the action name alone.</summary>
    private IAwsService? Resolve(string action, string? signingName, string path)
    {
        var candidates = _services.Where(s => s.Handles(action)).ToList();
        if (candidates.Count <= 1) return candidates.FirstOrDefault();
        return candidates.FirstOrDefault(s => s.SigningName == signingName)
            ?? candidates.FirstOrDefault(s => s.ClaimsPath(path))
            ?? candidates[0];
    }

    private static async Task<JsonBody> ReadJsonAsync(HttpRequest request) =>
        await ReadBodyAsync(request, static body =>
        {
            if (body.IsEmpty) body = new ReadOnlySequence<byte>("{}"u8.ToArray());
            // JsonDocument checks UTF-8 only when a string is read; refuse bad bytes here, once.
            if (!Utf8.IsValid(body.IsSingleSegment ? body.FirstSpan : body.ToArray()))
                throw CommonErrors.Serialization("The request body is not valid UTF-8.");
            JsonBody parsed;
            try
            {
                parsed = JsonBody.Parse(body);
            }
            catch (JsonException)
            {
                throw CommonErrors.Serialization("The request body is not valid JSON.");
            }
            if (parsed.Root.ValueKind == JsonValueKind.Object) return parsed;
            parsed.Dispose();
            throw CommonErrors.Serialization("The request body must be a JSON object.");
        }).ConfigureAwait(false);

    private static async Task<Dictionary<string, string>> ReadQueryAsync(HttpRequest request)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.QueryString.HasValue) FormParser.Parse(request.QueryString.Value!, parameters);
        if (!HttpMethods.IsPost(request.Method)) return parameters;
        return await ReadBodyAsync(request, body =>
        {
            if (body.IsSingleSegment) FormParser.Parse(body.FirstSpan, parameters);
            else FormParser.Parse(body.ToArray(), parameters);
            return parameters;
        }).ConfigureAwait(false);
    }

    /// <summary>Buffers the whole body in the request pipe and parses it in place (Kestrel caps its size).</summary>
    private static async Task<T> ReadBodyAsync<T>(HttpRequest request, Func<ReadOnlySequence<byte>, T> parse)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (!result.IsCompleted)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                continue;
            }
            try
            {
                return parse(result.Buffer);
            }
            finally
            {
                reader.AdvanceTo(result.Buffer.End);
            }
        }
    }

    private static async Task WriteAsync(HttpContext http, string contentType, string requestId, PooledBufferWriter output)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers["x-amzn-RequestId"] = requestId;
        response.ContentLength = output.WrittenCount;
        await response.Body.WriteAsync(output.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteErrorAsync(HttpContext http, AwsProtocol protocol, IAwsService? service, AwsServiceException error, string requestId)
    {
        var response = http.Response;
        if (response.HasStarted) return;
        using var output = new PooledBufferWriter();
        response.StatusCode = error.StatusCode;
        response.Headers["x-amzn-RequestId"] = requestId;
        if (protocol == AwsProtocol.Json)
        {
            response.ContentType = JsonContentType;
            if (service?.QueryCompatible == true)
                response.Headers["x-amzn-query-error"] = $"{error.Code};{(error.SenderFault ? "Sender" : "Receiver")}";
            using var json = new Utf8JsonWriter(output);
            json.WriteStartObject();
            json.WriteString("__type", $"{service?.JsonErrorNamespace ?? "com.amazon.coral.service"}#{error.JsonType}");
            json.WriteString("message", error.Message);
            json.WriteEndObject();
            json.Flush();
        }
        else
        {
            response.ContentType = "text/xml";
            XmlResponseWriter.WriteError(output, service?.XmlNamespace ?? "http://queue.amazonaws.com/doc/2012-11-05/", error, requestId);
        }
        response.ContentLength = output.WrittenCount;
        try
        {
            await response.Body.WriteAsync(output.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Client gone.
        }
        if (error.StatusCode >= 500) logger.LogDebug("Returned {Code} for request {RequestId}", error.Code, requestId);
    }
}
