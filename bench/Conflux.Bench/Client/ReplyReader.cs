using System.Text.Json;

namespace Conflux.Bench.Client;

/// <summary>Just enough JSON reading of replies: batch outcome counts and received messages.</summary>
internal static class ReplyReader
{
    /// <summary>Counts the entries of a batch reply's top-level "Successful" and "Failed" lists.</summary>
    public static (int Successful, int Failed) BatchOutcome(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        int successful = 0, failed = 0;
        var list = 0; // 1 = Successful, 2 = Failed
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                list = reader.ValueTextEquals("Successful"u8) ? 1 : reader.ValueTextEquals("Failed"u8) ? 2 : 0;
            else if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
            {
                if (list == 1) successful++;
                else if (list == 2) failed++;
                reader.Skip();
            }
        }
        return (successful, failed);
    }

    /// <summary>Feeds each received message's receipt handle and body stamp to <paramref name="into"/>.</summary>
    public static void ReadMessages(ReadOnlySpan<byte> reply, DeleteRequest into)
    {
        var reader = new Utf8JsonReader(reply);
        while (reader.Read())
        {
            // Messages sit at depth 2 ({ "Messages": [ { ... } ] }); their properties at depth 3.
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 3) continue;
            if (reader.ValueTextEquals("ReceiptHandle"u8))
            {
                reader.Read();
                into.AddHandle(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("Body"u8))
            {
                reader.Read();
                into.AddBody(reader.ValueSpan);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>The QueueArn of a GetQueueAttributes reply ({"Attributes":{"QueueArn":"…"}}).</summary>
    public static string? QueueArn(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("QueueArn"u8))
            {
                reader.Read();
                return reader.GetString();
            }
        }
        return null;
    }

    /// <summary>The QueueUrl of a CreateQueue reply.</summary>
    public static string? QueueUrl(ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("QueueUrl"u8))
            {
                reader.Read();
                return reader.GetString();
            }
        }
        return null;
    }
}
