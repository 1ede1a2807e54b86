using System.Net.Sockets;
using System.Text;
using Conflux.Testing;

namespace Conflux.Server.Tests;

/// <summary>
/// Requests broken at the wire level — short bodies, abrupt disconnects, bytes that are not HTTP, a
/// client vanishing mid long-poll — must never take the server down or leave it unable to serve.
/// </summary>
public sealed class MalformedWireTests
{
    private static async Task<string> ExchangeAsync(int port, byte[] request, bool halfClose, bool readReply)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        if (halfClose) client.Client.Shutdown(SocketShutdown.Send);
        if (!readReply) return "";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[4096];
        var reply = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        catch (IOException)
        {
            // The server may reset the connection after answering; what it said is in the buffer.
        }
        return reply.ToString();
    }

    private static byte[] Post(string target, string body, int declaredLength) => Encoding.ASCII.GetBytes(
        $"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Amz-Target: AmazonSQS.{target}\r\nContent-Type: application/x-amz-json-1.0\r\n" +
        $"Content-Length: {declaredLength}\r\n\r\n{body}");

    [Fact]
    public async Task BrokenRequests_ServerAnswersOrClosesAndKeepsServing()
    {
        await using var server = await ServerProcess.StartAsync();
        var body = """{"QueueName":"wire"}""";

        var shortBody = await ExchangeAsync(server.Port, Post("CreateQueue", body, body.Length + 500), halfClose: true, readReply: true);
        Assert.True(shortBody.Length == 0 || shortBody.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), shortBody);

        await ExchangeAsync(server.Port, Post("CreateQueue", body[..5], body.Length), halfClose: false, readReply: false);

        var garbage = await ExchangeAsync(server.Port, [0x16, 0x03, 0x01, 0x00, 0xff, .. "\r\n\r\nnot http"u8.ToArray()], halfClose: true, readReply: true);
        Assert.True(garbage.Length == 0 || garbage.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), garbage);

        var badLength = await ExchangeAsync(server.Port, Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AmazonSQS.ListQueues\r\nContent-Length: -5\r\n\r\n"), halfClose: true, readReply: true);
        Assert.True(badLength.Length == 0 || badLength.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), badLength);

        // A long poll whose client disappears.
        Assert.StartsWith("HTTP/1.1 200", await ExchangeAsync(server.Port, Post("CreateQueue", body, body.Length), halfClose: false, readReply: true));
        var receive = $$"""{"QueueUrl":"{{server.Endpoint}}/000000000000/wire","WaitTimeSeconds":20}""";
        await ExchangeAsync(server.Port, Post("ReceiveMessage", receive, receive.Length), halfClose: false, readReply: false);

        using var http = new HttpClient();
        Assert.True((await http.GetAsync($"{server.Endpoint}/health")).IsSuccessStatusCode);
        var send = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = new StringContent($$"""{"QueueUrl":"{{server.Endpoint}}/000000000000/wire","MessageBody":"still here"}"""),
        };
        send.Headers.Add("X-Amz-Target", "AmazonSQS.SendMessage");
        var sent = await http.SendAsync(send);
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        Assert.False(server.HasExited);
        Assert.DoesNotContain("Unhandled", server.Log, StringComparison.Ordinal);
    }
}
