using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    private const int MaxBatchEntries = 10;

    private async Task PublishBatch(AwsRequestContext context, ResponseWriter response)
    {
        var topic = await TopicFor(context).ConfigureAwait(false);
        var entries = context.Parameters.StructList("PublishBatchRequestEntries", "PublishBatchRequestEntries.member");
        if (entries is null || entries.Count == 0) throw SnsErrors.EmptyBatch();
        if (entries.Count > MaxBatchEntries) throw SnsErrors.TooManyEntries();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var id = entry.String("Id") ?? throw SnsErrors.Invalid("Id");
            if (id.Length is 0 or > 80 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) throw SnsErrors.InvalidBatchEntryId(id);
            if (!ids.Add(id)) throw SnsErrors.BatchEntryIdsNotDistinct();
        }
        // SNS validates every entry before publishing any: one invalid entry fails the whole request.
        var drafts = new MessageDraft[entries.Count];
        var outcomes = new (string Id, PublishResult? Result, AwsServiceException? Error)[entries.Count];
        var total = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            drafts[i] = Draft(entries[i], topic, out var size);
            outcomes[i] = (entries[i].String("Id")!, null, null);
            total += size;
        }
        if (total > MaxMessageBytes) throw SnsErrors.BatchRequestTooLong();
        if (topic.Ordered)
        {
            // Entries of a FIFO batch are published in order, one after the other.
            for (var i = 0; i < entries.Count; i++)
                outcomes[i] = await PublishEntry(outcomes[i].Id, topic, drafts[i]).ConfigureAwait(false);
        }
        else
        {
            var tasks = new Task<(string, PublishResult?, AwsServiceException?)>[entries.Count];
            for (var i = 0; i < entries.Count; i++)
                tasks[i] = PublishEntry(outcomes[i].Id, topic, drafts[i]);
            outcomes = await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        response.BeginList("Successful", "member");
        foreach (var (id, result, _) in outcomes)
        {
            if (result is not { } r) continue;
            response.BeginItem();
            response.String("Id", id);
            response.String("MessageId", r.MessageId);
            if (topic.Ordered) response.String("SequenceNumber", SequenceText(r.SequenceNumber));
            response.EndItem();
        }
        response.EndList();
        response.BeginList("Failed", "member");
        foreach (var (id, _, error) in outcomes)
        {
            if (error is null) continue;
            response.BeginItem();
            response.String("Id", id);
            response.String("Code", error.Code);
            response.String("Message", error.Message);
            response.Bool("SenderFault", error.SenderFault);
            response.EndItem();
        }
        response.EndList();
    }

    private async Task<(string, PublishResult?, AwsServiceException?)> PublishEntry(string id, Core.Entities.TopicDefinition topic, MessageDraft draft)
    {
        try
        {
            return (id, await _engine.PublishAsync(topic.Name, draft).ConfigureAwait(false), null);
        }
        catch (EngineException error)
        {
            // Validation already passed for every entry; what fails now (the topic deleted meanwhile) fails this entry only.
            return (id, null, Translate(error));
        }
    }
}
