using Conflux.Bench.Client;
using Conflux.Bench.Hosting;

namespace Conflux.Bench.Scenarios;

internal static class Queues
{
    public static async Task<string> CreateAsync(Target target, string name, CancellationToken cancellation)
    {
        using var http = new SqsHttp(target.BaseUri, 1);
        var reply = new ResponseBuffer();
        var status = await http.PostAsync(SqsAction.CreateQueue, RequestBodies.CreateQueue(name), reply, cancellation);
        if (status != 200) throw new InvalidOperationException($"{target.Name}: CreateQueue {name} answered HTTP {status}: {reply.Preview()}");
        return ReplyReader.QueueUrl(reply.Span) ?? throw new InvalidOperationException($"{target.Name}: CreateQueue reply has no QueueUrl: {reply.Preview()}");
    }
}
