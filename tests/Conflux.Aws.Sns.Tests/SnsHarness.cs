using System.Text;
using System.Xml.Linq;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Security;
using Conflux.Storage.Memory;
using Conflux.Testing;
using Microsoft.AspNetCore.Http;

namespace Conflux.Aws.Sns.Tests;

/// <summary>The SNS face behind the real router on an in-memory engine: query strings in, XML or queue contents out.</summary>
internal sealed class SnsHarness : IAsyncDisposable
{
    public static readonly XNamespace Ns = "http://sns.amazonaws.com/doc/2010-03-31/";
    public const string ArnPrefix = "arn:aws:sns:us-east-1:000000000000:";

    private SnsHarness(MessagingEngine engine, AwsRouter router, RecordingLogger<AwsRouter> log)
    {
        Engine = engine;
        Router = router;
        Log = log;
    }

    public MessagingEngine Engine { get; }

    public AwsRouter Router { get; }

    public RecordingLogger<AwsRouter> Log { get; }

    public static async Task<SnsHarness> StartAsync()
    {
        var engine = await MessagingEngine.StartAsync(new MemoryMessageStore());
        var account = new AwsAccount("000000000000", "us-east-1");
        var sns = await SnsApi.CreateAsync(engine, account, new AllowAllAuthorizer(), "http://localhost:4566");
        var log = new RecordingLogger<AwsRouter>();
        return new SnsHarness(engine, new AwsRouter([sns], account, new AcceptAnyCredentials(), log), log);
    }

    public Task QueueAsync(string name) => Engine.CreateQueueAsync(new QueueDefinition
    {
        Id = 0,
        Name = name,
        Settings = name.EndsWith(".fifo", StringComparison.Ordinal) ? new QueueSettings { Ordered = true, RequiresDeduplication = true } : new QueueSettings(),
    });

    /// <summary>Sends a query request and returns the result document; fails the test on an error answer.</summary>
    public async Task<XElement> OkAsync(string query)
    {
        var (status, body) = await SendAsync(Encoding.UTF8.GetBytes(query));
        Assert.True(status == 200, $"{query}: {status} {body}");
        return XDocument.Parse(body).Root!;
    }

    public async Task<string> ValueAsync(string query, string element) => (await OkAsync(query)).Descendants(Ns + element).First().Value;

    public async Task<(int Status, string Body)> SendAsync(byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost:4566");
        context.Request.Path = "/";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(body);
        var output = new MemoryStream();
        context.Response.Body = output;
        await Router.HandleAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(output.ToArray()));
    }

    public async Task<IReadOnlyList<ReceivedMessage>> DrainAsync(string queue)
    {
        var all = new List<ReceivedMessage>();
        while (true)
        {
            var batch = await Engine.ReceiveAsync(queue, new ReceiveOptions { MaxMessages = 10, VisibilityTimeout = TimeSpan.FromMinutes(5) });
            if (batch.Count == 0) return all;
            all.AddRange(batch);
            // FIFO groups stay locked while leased: settle to see the rest.
            await Engine.DeleteBatchAsync(queue, [.. batch.Select(m => m.Lease)], requireActiveLease: true);
        }
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
