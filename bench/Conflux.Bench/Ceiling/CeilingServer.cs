using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conflux.Bench.Ceiling;

/// <summary>
/// The trivial endpoint: Kestrel reads the whole request body and answers 200 with a canned body. No
/// HTTP API can beat it on this machine, so it is the yardstick every figure is divided by.
/// </summary>
internal static class CeilingServer
{
    public const string Command = "ceiling-server";
    private const string TargetPrefix = "AmazonSQS.";
    private static readonly byte[] MaxTen = Encoding.ASCII.GetBytes("\"MaxNumberOfMessages\":10");

    public static async Task<int> RunAsync(string[] args)
    {
        var port = args.Length == 3 && args[1] == "--port" ? int.Parse(args[2], CultureInfo.InvariantCulture) : throw new ArgumentException($"usage: {Command} --port N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        await using var app = builder.Build();
        var createQueue = CannedResponses.CreateQueue(port);
        app.Run(http => AnswerAsync(http, createQueue));
        await app.RunAsync();
        return 0;
    }

    private static async Task AnswerAsync(HttpContext http, byte[] createQueue)
    {
        var reader = http.Request.BodyReader;
        var wantsTen = false;
        while (true)
        {
            var result = await reader.ReadAsync(http.RequestAborted);
            if (result.IsCompleted)
            {
                wantsTen = Contains(result.Buffer, MaxTen);
                reader.AdvanceTo(result.Buffer.End);
                break;
            }
            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }

        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var response = http.Response;
        if (target.Length == 0)
        {
            // Query protocol (form POST): the bench only sends SNS Publish this way to the ceiling.
            await AnswerAsync(response, "text/xml", CannedResponses.Publish, http.RequestAborted);
            return;
        }
        var action = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : "";
        var body = action switch
        {
            "CreateQueue" or "GetQueueUrl" => createQueue,
            "SendMessageBatch" => CannedResponses.SendMessageBatch,
            "ReceiveMessage" => wantsTen ? CannedResponses.ReceiveTen : CannedResponses.ReceiveOne,
            "DeleteMessageBatch" => CannedResponses.DeleteMessageBatch,
            "DeleteMessage" or "PurgeQueue" or "DeleteQueue" => CannedResponses.Empty,
            _ => CannedResponses.SendMessage,
        };
        await AnswerAsync(response, "application/x-amz-json-1.0", body, http.RequestAborted);
    }

    private static async Task AnswerAsync(HttpResponse response, string contentType, byte[] body, CancellationToken cancellation)
    {
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.Headers["x-amzn-RequestId"] = "5fea7756-0ea4-451a-a703-a558b933e274";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellation);
    }

    private static bool Contains(ReadOnlySequence<byte> buffer, byte[] needle) =>
        buffer.IsSingleSegment ? buffer.FirstSpan.IndexOf(needle) >= 0 : buffer.ToArray().AsSpan().IndexOf(needle) >= 0;
}
