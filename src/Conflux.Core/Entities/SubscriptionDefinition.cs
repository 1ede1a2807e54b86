namespace Conflux.Core.Entities;

/// <summary>
/// A subscription receives a copy of every matching message published to its topic. It either forwards
/// the copy to another entity (an SNS subscription to an SQS queue) or keeps it in its own buffer with
/// queue semantics (a Service Bus subscription). Its name is unique within the topic; the entity name
/// is "topic/subscriptions/name".
/// </summary>
public sealed record SubscriptionDefinition : EntityDefinition
{
    public override EntityKind Kind => EntityKind.Subscription;

    public required string Topic { get; init; }

    public required string SubscriptionName { get; init; }

    /// <summary>Entity that receives the copies; null means the subscription buffers them itself.</summary>
    public string? ForwardTo { get; init; }

    /// <summary>Face-defined filter, compiled by the <see cref="Engine.IMessageFilterCompiler"/> registered for its dialect.</summary>
    public FilterSpec? Filter { get; init; }

    /// <summary>Buffer behaviour when <see cref="ForwardTo"/> is null.</summary>
    public QueueSettings Settings { get; init; } = new();

    public static string EntityName(string topic, string subscription) => $"{topic}/subscriptions/{subscription}";
}

/// <summary>A filter in a face's own language ("sns-policy", "sql"…), stored as text.</summary>
public sealed record FilterSpec(string Dialect, string Text);
