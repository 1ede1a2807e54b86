using Amazon.Runtime;
using Amazon.SQS;
using Conflux.Testing;

namespace Conflux.Aws.Sqs.Tests;

/// <summary>One real server process shared by the AWSSDK.SQS suites.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public AmazonSQSClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync();
        Client = CreateClient(Server.Endpoint);
    }

    public static AmazonSQSClient CreateClient(string endpoint) => new(
        new BasicAWSCredentials("AKIDTEST", "secret"),
        new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    public static string Unique(string prefix = "q") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 80)];
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "sqs-server";
}
