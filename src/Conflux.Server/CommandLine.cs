using System.CommandLine;
using System.Globalization;

namespace Conflux.Server;

/// <summary>The command line: every option also reads CONFLUX_&lt;NAME&gt; from the environment.</summary>
internal static class CommandLine
{
    public static RootCommand Build(Func<ServerOptions, CancellationToken, Task<int>> serve)
    {
        var host = Option("--host", "Address to listen on", "CONFLUX_HOST", "127.0.0.1");
        var port = Option("--port", "HTTP port (the one LocalStack users already point their tools at)", "CONFLUX_PORT", 4566);
        var dataDir = Option("--data-dir", "Directory for durable data", "CONFLUX_DATA_DIR", "./data");
        var storage = Option("--storage", "Storage backend: sqlite (durable, default) or memory (nothing survives a restart)", "CONFLUX_STORAGE", StorageKind.Sqlite);
        var sync = Option("--sync", "full: flush (fdatasync) every group commit before replying (default); off: never flush", "CONFLUX_SYNC", "full");
        sync.AcceptOnlyFromAmong("full", "off");
        var account = Option("--account-id", "AWS account id used in queue URLs and ARNs", "CONFLUX_ACCOUNT_ID", "000000000000");
        var region = Option("--region", "AWS region used in ARNs", "CONFLUX_REGION", "us-east-1");
        var logLevel = Option("--log-level", "Trace, Debug, Information, Warning, Error", "CONFLUX_LOG_LEVEL", "Information");

        var serveCommand = new Command("serve", "Start the server") { host, port, dataDir, storage, sync, account, region, logLevel };
        serveCommand.SetAction((result, cancellation) => serve(new ServerOptions
        {
            Host = result.GetValue(host)!,
            Port = result.GetValue(port),
            DataDirectory = result.GetValue(dataDir)!,
            Storage = result.GetValue(storage),
            Sync = result.GetValue(sync)!,
            AccountId = result.GetValue(account)!,
            Region = result.GetValue(region)!,
            LogLevel = result.GetValue(logLevel)!,
        }, cancellation));

        return new RootCommand("Conflux: one integration server speaking the SQS (and more) wire protocols on a durable core.")
        {
            serveCommand,
        };
    }

    private static Option<T> Option<T>(string name, string description, string environment, T fallback) => new(name)
    {
        Description = $"{description} [env: {environment}]",
        DefaultValueFactory = _ => FromEnvironment(environment, fallback),
    };

    private static T FromEnvironment<T>(string variable, T fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text)) return fallback;
        var type = typeof(T);
        if (type == typeof(string)) return (T)(object)text;
        if (type == typeof(int)) return (T)(object)int.Parse(text, CultureInfo.InvariantCulture);
        if (type.IsEnum) return (T)Enum.Parse(type, text, ignoreCase: true);
        throw new NotSupportedException($"Unsupported option type {type}.");
    }
}
