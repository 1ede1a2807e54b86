using System.Globalization;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;

namespace Conflux.Aws.Sqs;

public sealed partial class SqsApi
{
    private async Task SendMessage(AwsRequestContext context, ResponseWriter response)
    {
        var queue = await QueueFor(context).ConfigureAwait(false);
        var parsed = ParseSend(context.Parameters, queue, context.Principal, batchEntry: false);
        var result = await _engine.SendAsync(queue.Name, parsed.Draft).ConfigureAwait(false);
        response.String("MD5OfMessageBody", parsed.BodyMd5);
        response.String("MD5OfMessageAttributes", parsed.AttributesMd5);
        response.String("MD5OfMessageSystemAttributes", parsed.SystemAttributesMd5);
        response.String("MessageId", result.MessageId);
        if (queue.Settings.Ordered) response.String("SequenceNumber", SequenceNumber(result.SequenceNumber));
    }

    /// <summary>SQS sequence numbers are opaque decimal strings; fixed width keeps them ordered as strings too.</summary>
    private static string SequenceNumber(long sequence) => sequence.ToString("D20", CultureInfo.InvariantCulture);

    private static void WriteFailures(ResponseWriter response, List<(string Id, AwsServiceException Error)> failed)
    {
        if (failed.Count == 0) return;
        response.BeginList("Failed", "BatchResultErrorEntry");
        foreach (var (id, error) in failed)
        {
            response.BeginItem();
            response.String("Id", id);
            response.Bool("SenderFault", error.SenderFault);
            response.String("Code", error.Code);
            response.String("Message", error.Message);
            response.EndItem();
        }
        response.EndList();
    }

    /// <summary>The checks every batch action makes before looking at entries.</summary>
    private static IReadOnlyList<RequestNode> BatchEntries(AwsRequestContext context, string queryEntryName)
    {
        var entries = context.Parameters.StructList("Entries", queryEntryName);
        if (entries is null || entries.Count == 0) throw SqsErrors.EmptyBatchRequest(queryEntryName);
        if (entries.Count > 10) throw SqsErrors.TooManyEntriesInBatchRequest(entries.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = entry.String("Id") ?? throw CommonErrors.MissingParameter($"{queryEntryName}.Id");
            if (!SqsNames.IsValidBatchEntryId(id)) throw SqsErrors.InvalidBatchEntryId();
            if (!seen.Add(id)) throw SqsErrors.BatchEntryIdsNotDistinct(id);
        }
        return entries;
    }

    private static void WriteSendResult(ResponseWriter response, string? id, ParsedSend parsed, SendResult result, bool fifo)
    {
        response.String("Id", id);
        response.String("MessageId", result.MessageId);
        response.String("MD5OfMessageBody", parsed.BodyMd5);
        response.String("MD5OfMessageAttributes", parsed.AttributesMd5);
        response.String("MD5OfMessageSystemAttributes", parsed.SystemAttributesMd5);
        if (fifo) response.String("SequenceNumber", SequenceNumber(result.SequenceNumber));
    }
}
