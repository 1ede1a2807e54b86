using System.CommandLine;
using Conflux.Bench;
using Conflux.Bench.Ceiling;
using Conflux.Bench.Hosting;
using Conflux.Bench.Options;

// The bench re-launches itself as the ceiling endpoint so that target, like the others, is its own process.
if (args.Length > 0 && args[0] == CeilingServer.Command) return await CeilingServer.RunAsync(args);

Cleanup.Install();
try
{
    var root = OptionsParser.Build(BenchRun.RunAsync, args);
    // Signals are handled by Cleanup, which stops gracefully and still prints the partial report.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
finally
{
    Cleanup.RunAll();
}
