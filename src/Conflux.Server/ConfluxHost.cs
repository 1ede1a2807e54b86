using System.Net;
using Conflux.Aws.Protocol;
using Conflux.Aws.Sns;
using Conflux.Aws.Sqs;
using Conflux.Core.Diagnostics;
using Conflux.Core.Engine;
using Conflux.Core.Security;
using Conflux.Core.Storage;
using Conflux.Storage.Memory;
using Conflux.Storage.Sqlite;

namespace Conflux.Server;

/// <summary>Wires storage, engine and faces into one Kestrel server and runs it until shutdown.</summary>
internal static class ConfluxHost
{
    public static async Task<int> RunAsync(ServerOptions options, CancellationToken cancellation)
    {
        // Configuration reload watches the content root (the working directory, which holds ./data) and would wake
        // on every WAL write; all configuration comes from the command line, so nothing is watched.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(options.LogLevel, ignoreCase: true));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Largest legitimate request: a 1 MiB SendMessageBatch with base64 binary attributes.
            kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            var address = options.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
            kestrel.Listen(address, options.Port);
        });

        using var dataLock = options.Storage == StorageKind.Sqlite ? DataDirectoryLock.Acquire(options.DataDirectory) : null;
        if (options.Storage == StorageKind.Sqlite && dataLock is null)
        {
            await Console.Error.WriteLineAsync($"Another Conflux server is using the data directory {Path.GetFullPath(options.DataDirectory)}.").ConfigureAwait(false);
            return 2;
        }

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Conflux");
        var metrics = new ConfluxMetrics();
        IMessageStore store = options.Storage switch
        {
            StorageKind.Memory => new MemoryMessageStore(),
            _ => new SqliteMessageStore(new SqliteStoreOptions(Path.GetFullPath(options.DataDirectory))
            {
                Sync = options.Sync == "off" ? SqliteSync.Off : SqliteSync.Full,
            }),
        };
        var engine = await MessagingEngine.StartAsync(store, new EngineOptions(), TimeProvider.System, metrics, logger, cancellation).ConfigureAwait(false);
        try
        {
            var account = new AwsAccount(options.AccountId, options.Region);
            var sqs = await SqsApi.CreateAsync(engine, account, new AllowAllAuthorizer()).ConfigureAwait(false);
            // Subscribers call back (SubscribeURL, SigningCertURL) at the address the server listens on.
            var publicUrl = $"http://{(options.Host is "0.0.0.0" ? "localhost" : options.Host)}:{options.Port}";
            var sns = await SnsApi.CreateAsync(engine, account, new AllowAllAuthorizer(), publicUrl).ConfigureAwait(false);
            var router = new AwsRouter([sqs, sns], account, new AcceptAnyCredentials(), app.Services.GetRequiredService<ILogger<AwsRouter>>());
            var started = DateTimeOffset.UtcNow;
            app.Lifetime.ApplicationStopping.Register(engine.StopWaiting);

            // One terminal handler instead of endpoint routing: every API call is a POST to / or a queue URL.
            app.Run(http =>
                AwsRouter.IsAwsRequest(http.Request) ? router.HandleAsync(http)
                : HttpMethods.IsGet(http.Request.Method) && http.Request.Path == "/health" ? Health.Write(http, engine, options, started)
                : sns.TryServeCertificate(http, out var certificate) ? certificate
                : NotFound(http));

            try
            {
                await app.StartAsync(cancellation).ConfigureAwait(false);
            }
            catch (IOException error)
            {
                logger.LogCritical("Cannot listen on {Host}:{Port}: {Reason}", options.Host, options.Port, error.Message);
                return 1;
            }
            logger.LogInformation("Conflux listening on http://{Host}:{Port} (storage: {Storage}, data: {Data}, sync: {Sync})",
                options.Host, options.Port, options.Storage.ToString().ToLowerInvariant(), Path.GetFullPath(options.DataDirectory), options.Sync);
            await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            logger.LogInformation("Conflux shutting down");
            return 0;
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await engine.DisposeAsync().ConfigureAwait(false);
            metrics.Dispose();
        }
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return http.Response.WriteAsJsonAsync(new NotFoundBody("Not an API request Conflux understands.", http.Request.Path.Value ?? "/"), ServerJson.Default.NotFoundBody);
    }
}
