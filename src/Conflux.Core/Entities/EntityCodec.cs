using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conflux.Core.Entities;

/// <summary>Encodes entity definitions as JSON documents for storage (source-generated, no reflection).</summary>
public static class EntityCodec
{
    public static byte[] Encode(EntityDefinition definition) => definition switch
    {
        QueueDefinition q => JsonSerializer.SerializeToUtf8Bytes(q, EntityJsonContext.Default.QueueDefinition),
        TopicDefinition t => JsonSerializer.SerializeToUtf8Bytes(t, EntityJsonContext.Default.TopicDefinition),
        SubscriptionDefinition s => JsonSerializer.SerializeToUtf8Bytes(s, EntityJsonContext.Default.SubscriptionDefinition),
        _ => throw new ArgumentException($"Unknown entity type {definition.GetType()}.", nameof(definition)),
    };

    public static EntityDefinition Decode(EntityKind kind, ReadOnlySpan<byte> json) => kind switch
    {
        EntityKind.Queue => JsonSerializer.Deserialize(json, EntityJsonContext.Default.QueueDefinition)!,
        EntityKind.Topic => JsonSerializer.Deserialize(json, EntityJsonContext.Default.TopicDefinition)!,
        EntityKind.Subscription => JsonSerializer.Deserialize(json, EntityJsonContext.Default.SubscriptionDefinition)!,
        _ => throw new InvalidDataException($"Unknown entity kind {kind}."),
    };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(QueueDefinition))]
[JsonSerializable(typeof(TopicDefinition))]
[JsonSerializable(typeof(SubscriptionDefinition))]
internal sealed partial class EntityJsonContext : JsonSerializerContext;
