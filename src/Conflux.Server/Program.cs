using Conflux.Server;

var root = CommandLine.Build(ConfluxHost.RunAsync);
return await root.Parse(args).InvokeAsync();
