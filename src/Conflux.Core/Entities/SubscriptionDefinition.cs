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

    /// <summary>
    /// False while the subscription awaits confirmation (an SNS HTTP endpoint that has not yet visited
    /// its SubscribeURL): such subscriptions are skipped by publishes.
    /// </summary>
    public bool Active { get; init; } = true;

    /// <summary>
    /// Face-defined rendering of each copy (the SNS JSON envelope), done by the
    /// <see cref="Engine.IDeliveryRenderer"/> registered for this dialect; null keeps the published message.
    /// </summary>
    public string? Renderer { get; init; }

    /// <summary>
    /// When set, the subscription's buffer is drained by pushing each copy to an external endpoint with
    /// the <see cref="Engine.IPushTargetFactory"/> of this dialect (SNS HTTP/S delivery).
    /// </summary>
    public string? Push { get; init; }

    /// <summary>Buffer behaviour when <see cref="ForwardTo"/> is null.</summary>
    public QueueSettings Settings { get; init; } = new();

    public static string EntityName(string topic, string subscription) => $"{topic}/subscriptions/{subscription}";
}

/// <summary>A filter in a face's own language ("sns-policy", "sql"…), stored as text.</summary>
public sealed record FilterSpec(string Dialect, string Text);
