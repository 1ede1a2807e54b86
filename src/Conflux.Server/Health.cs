using Conflux.Core.Engine;

namespace Conflux.Server;

/// <summary>GET /health: 200 with a JSON status once ready; 503 once storage has failed.</summary>
internal static class Health
{
    public static Task Write(HttpContext http, MessagingEngine engine, ServerOptions options, DateTimeOffset started)
    {
        var healthy = engine.IsHealthy;
        http.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        var body = new HealthBody(
            healthy ? "ok" : "storage-failed",
            typeof(Health).Assembly.GetName().Version?.ToString() ?? "0",
            options.Storage.ToString().ToLowerInvariant(),
            (long)(DateTimeOffset.UtcNow - started).TotalSeconds,
            engine.ListQueues().Count,
            ["sqs", "sns"]);
        return http.Response.WriteAsJsonAsync(body, ServerJson.Default.HealthBody);
    }
}
