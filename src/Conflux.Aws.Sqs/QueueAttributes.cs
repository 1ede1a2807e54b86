using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sqs;

/// <summary>
/// SQS queue attributes ↔ core queue definitions. Attributes with engine semantics become
/// <see cref="QueueSettings"/>; the rest (policies, KMS, throughput mode) are kept verbatim in the
/// definition's face attributes. Validation ranges and messages follow SQS.
/// </summary>
internal sealed class QueueAttributes(AwsAccount account, Func<string, QueueDefinition?> findQueue)
{
    public const string All = "All";
    public const string ApproximateNumberOfMessages = "ApproximateNumberOfMessages";
    public const string ApproximateNumberOfMessagesDelayed = "ApproximateNumberOfMessagesDelayed";
    public const string ApproximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible";
    public const string CreatedTimestamp = "CreatedTimestamp";
    public const string LastModifiedTimestamp = "LastModifiedTimestamp";
    public const string QueueArn = "QueueArn";
    public const string DelaySeconds = "DelaySeconds";
    public const string MaximumMessageSize = "MaximumMessageSize";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string Policy = "Policy";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string RedriveAllowPolicy = "RedriveAllowPolicy";
    public const string KmsMasterKeyId = "KmsMasterKeyId";
    public const string KmsDataKeyReusePeriodSeconds = "KmsDataKeyReusePeriodSeconds";
    public const string SqsManagedSseEnabled = "SqsManagedSseEnabled";
    public const string FifoQueue = "FifoQueue";
    public const string ContentBasedDeduplication = "ContentBasedDeduplication";
    public const string DeduplicationScope = "DeduplicationScope";
    public const string FifoThroughputLimit = "FifoThroughputLimit";

    private static readonly FrozenSet<string> ReadOnly = FrozenSet.ToFrozenSet(
    [
        ApproximateNumberOfMessages, ApproximateNumberOfMessagesDelayed, ApproximateNumberOfMessagesNotVisible,
        CreatedTimestamp, LastModifiedTimestamp, QueueArn,
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Known = FrozenSet.ToFrozenSet(
    [
        All, .. ReadOnly, DelaySeconds, MaximumMessageSize, MessageRetentionPeriod, ReceiveMessageWaitTimeSeconds,
        VisibilityTimeout, Policy, RedrivePolicy, RedriveAllowPolicy, KmsMasterKeyId, KmsDataKeyReusePeriodSeconds,
        SqsManagedSseEnabled, FifoQueue, ContentBasedDeduplication, DeduplicationScope, FifoThroughputLimit,
    ], StringComparer.Ordinal);

    public static bool IsKnown(string name) => Known.Contains(name);

    /// <summary>A new queue with SQS defaults (SSE-SQS on, 1 MiB messages, 4 days retention).</summary>
    public static QueueDefinition NewDefinition(string name, bool fifo) => new()
    {
        Id = 0,
        Name = name,
        Settings = new QueueSettings
        {
            Ordered = fifo,
            RequiresDeduplication = fifo,
            MaxInFlight = 120_000,
        },
        Attributes = new SortedDictionary<string, string>(StringComparer.Ordinal) { [SqsManagedSseEnabled] = "true" },
    };

    /// <summary>Applies attribute values (CreateQueue or SetQueueAttributes) to a definition, validating each.</summary>
    public QueueDefinition Apply(QueueDefinition definition, IReadOnlyList<KeyValuePair<string, string>> attributes, bool creating)
    {
        var fifo = definition.Settings.Ordered;
        var settings = definition.Settings;
        var face = new SortedDictionary<string, string>(definition.Attributes.ToDictionary(), StringComparer.Ordinal);
        var sseRequested = false;
        foreach (var (name, value) in attributes)
        {
            if (!Known.Contains(name) || ReadOnly.Contains(name) || name == All) throw SqsErrors.UnknownAttribute(name);
            switch (name)
            {
                case DelaySeconds:
                    settings = settings with { DeliveryDelay = TimeSpan.FromSeconds(Int(name, value, 0, 900)) };
                    break;
                case MaximumMessageSize:
                    settings = settings with { MaxMessageBytes = Int(name, value, 1024, 1_048_576) };
                    break;
                case MessageRetentionPeriod:
                    settings = settings with { RetentionPeriod = TimeSpan.FromSeconds(Int(name, value, 60, 1_209_600)) };
                    break;
                case ReceiveMessageWaitTimeSeconds:
                    settings = settings with { ReceiveWaitTime = TimeSpan.FromSeconds(Int(name, value, 0, 20)) };
                    break;
                case VisibilityTimeout:
                    settings = settings with { VisibilityTimeout = TimeSpan.FromSeconds(Int(name, value, 0, 43_200)) };
                    break;
                case Policy:
                    SetOrRemove(face, name, value, requireJsonObject: true);
                    break;
                case RedriveAllowPolicy:
                    if (value.Length > 0) ValidateRedriveAllowPolicy(value);
                    SetOrRemove(face, name, value, requireJsonObject: false);
                    break;
                case RedrivePolicy:
                    settings = settings with { DeadLetter = value.Length == 0 ? null : ParseRedrivePolicy(definition.Name, fifo, value) };
                    break;
                case KmsMasterKeyId:
                    SetOrRemove(face, name, value, requireJsonObject: false);
                    if (value.Length > 0) face[SqsManagedSseEnabled] = "false";
                    break;
                case KmsDataKeyReusePeriodSeconds:
                    var seconds = Int(name, value, 60, 86_400);
                    if (seconds == 300) face.Remove(name);
                    else face[name] = seconds.ToString(CultureInfo.InvariantCulture);
                    break;
                case SqsManagedSseEnabled:
                    var enabled = Bool(name, value);
                    sseRequested = enabled;
                    face[name] = enabled ? "true" : "false";
                    break;
                case FifoQueue:
                    if (!fifo) throw SqsErrors.UnknownAttribute(name);
                    if (!creating) throw SqsErrors.InvalidAttributeValue("Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
                    if (!Bool(name, value)) throw SqsErrors.InvalidAttributeValueFor(name);
                    break;
                case ContentBasedDeduplication:
                    if (!fifo) throw SqsErrors.UnknownAttribute(name);
                    settings = settings with { ContentBasedDeduplication = Bool(name, value) };
                    break;
                case DeduplicationScope:
                    if (!fifo) throw SqsErrors.InvalidAttributeName("You can specify the DeduplicationScope only when FifoQueue is set to true.");
                    settings = settings with
                    {
                        DeduplicationScope = value switch
                        {
                            "queue" => Core.Entities.DeduplicationScope.Queue,
                            "messageGroup" => Core.Entities.DeduplicationScope.Group,
                            _ => throw SqsErrors.InvalidAttributeValueFor(name),
                        },
                    };
                    break;
                case FifoThroughputLimit:
                    if (!fifo) throw SqsErrors.InvalidAttributeName("You can specify the FifoThroughputLimit only when FifoQueue is set to true.");
                    if (value is not ("perQueue" or "perMessageGroupId")) throw SqsErrors.InvalidAttributeValueFor(name);
                    face[name] = value;
                    break;
            }
        }
        if (sseRequested && face.ContainsKey(KmsMasterKeyId))
            throw SqsErrors.InvalidAttributeName("You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.");
        return definition with { Settings = settings, Attributes = face };
    }

    /// <summary>The queue's attributes as GetQueueAttributes returns them; <paramref name="names"/> null means all.</summary>
    public List<KeyValuePair<string, string>> Render(QueueDefinition definition, QueueStats stats, IReadOnlyCollection<string>? names)
    {
        var s = definition.Settings;
        var all = new List<KeyValuePair<string, string>>
        {
            new(ApproximateNumberOfMessages, Str(stats.Visible)),
            new(ApproximateNumberOfMessagesDelayed, Str(stats.Delayed)),
            new(ApproximateNumberOfMessagesNotVisible, Str(stats.InFlight)),
            new(CreatedTimestamp, Str(definition.CreatedAtMs / 1000)),
            new(DelaySeconds, Str((long)s.DeliveryDelay.TotalSeconds)),
            new(LastModifiedTimestamp, Str(definition.ModifiedAtMs / 1000)),
            new(MaximumMessageSize, Str(s.MaxMessageBytes)),
            new(MessageRetentionPeriod, Str((long)s.RetentionPeriod.TotalSeconds)),
            new(QueueArn, SqsNames.Arn(account, definition.Name)),
            new(ReceiveMessageWaitTimeSeconds, Str((long)s.ReceiveWaitTime.TotalSeconds)),
            new(VisibilityTimeout, Str((long)s.VisibilityTimeout.TotalSeconds)),
        };
        if (s.DeadLetter is { } dlq)
            all.Add(new(RedrivePolicy, $"{{\"deadLetterTargetArn\":\"{SqsNames.Arn(account, dlq.TargetQueue)}\",\"maxReceiveCount\":{dlq.MaxDeliveryCount}}}"));
        foreach (var (name, value) in definition.Attributes) all.Add(new(name, value));
        if (s.Ordered)
        {
            all.Add(new(FifoQueue, "true"));
            all.Add(new(ContentBasedDeduplication, s.ContentBasedDeduplication ? "true" : "false"));
            all.Add(new(DeduplicationScope, s.DeduplicationScope == Core.Entities.DeduplicationScope.Group ? "messageGroup" : "queue"));
            if (!definition.Attributes.ContainsKey(FifoThroughputLimit)) all.Add(new(FifoThroughputLimit, "perQueue"));
        }
        if (names is null || names.Contains(All)) return all;
        foreach (var name in names)
            if (!Known.Contains(name)) throw SqsErrors.UnknownAttribute(name);
        return [.. all.Where(a => names.Contains(a.Key))];
    }

    /// <summary>The first requested attribute whose value differs from the existing queue's, for CreateQueue on an existing name.</summary>
    public string? FirstDifference(QueueDefinition existing, IReadOnlyList<KeyValuePair<string, string>> requested)
    {
        var proposed = Apply(NewDefinition(existing.Name, existing.Settings.Ordered), requested, creating: true);
        var stats = new QueueStats(0, 0, 0);
        var current = Render(existing with { CreatedAtMs = 0, ModifiedAtMs = 0 }, stats, null).ToDictionary(StringComparer.Ordinal);
        var wanted = Render(proposed, stats, null).ToDictionary(StringComparer.Ordinal);
        foreach (var (name, _) in requested)
        {
            current.TryGetValue(name, out var have);
            wanted.TryGetValue(name, out var want);
            if (have != want) return name;
        }
        return null;
    }

    private DeadLetterPolicy ParseRedrivePolicy(string queueName, bool fifo, string json)
    {
        JsonObject? policy;
        try
        {
            policy = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            policy = null;
        }
        if (policy is null) throw SqsErrors.InvalidAttributeValueFor(RedrivePolicy);
        var arn = policy["deadLetterTargetArn"]?.GetValueKind() == JsonValueKind.String ? policy["deadLetterTargetArn"]!.GetValue<string>() : null;
        if (string.IsNullOrEmpty(arn)) throw CommonErrors.InvalidParameterValue("The required parameter 'deadLetterTargetArn' is missing");
        var countNode = policy["maxReceiveCount"];
        if (countNode is null) throw CommonErrors.InvalidParameterValue("The required parameter 'maxReceiveCount' is missing");
        var countText = countNode.GetValueKind() == JsonValueKind.String ? countNode.GetValue<string>() : countNode.ToJsonString();
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 1000)
            throw CommonErrors.InvalidParameterValue($"Value {json} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: {countText}, valid values are from 1 to 1000 both inclusive.");
        if (!SqsNames.LooksLikeArn(arn)) throw CommonErrors.InvalidParameterValue($"Value {json} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.");
        var target = SqsNames.QueueNameFromArn(account, arn) is { } name ? findQueue(name) : null;
        if (target is null) throw CommonErrors.InvalidParameterValue($"Value {json} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.");
        if (target.Settings.Ordered != fifo)
            throw CommonErrors.InvalidParameterValue($"Value {json} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.");
        if (!RedriveAllowed(target, queueName))
            throw CommonErrors.InvalidParameterValue($"Value {json} for parameter RedrivePolicy is invalid. Reason: Queue {SqsNames.Arn(account, queueName)} is not allowed to use {arn} as a dead-letter queue.");
        return new DeadLetterPolicy(target.Name, count);
    }

    private bool RedriveAllowed(QueueDefinition deadLetterQueue, string sourceName)
    {
        if (!deadLetterQueue.Attributes.TryGetValue(RedriveAllowPolicy, out var json)) return true;
        var policy = JsonNode.Parse(json)!.AsObject();
        return policy["redrivePermission"]?.GetValue<string>() switch
        {
            "denyAll" => false,
            "byQueue" => policy["sourceQueueArns"]!.AsArray().Any(a => a?.GetValue<string>() == SqsNames.Arn(account, sourceName)),
            _ => true,
        };
    }

    private static void ValidateRedriveAllowPolicy(string json)
    {
        JsonObject? policy;
        try
        {
            policy = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            policy = null;
        }
        var permission = policy?["redrivePermission"]?.GetValueKind() == JsonValueKind.String ? policy["redrivePermission"]!.GetValue<string>() : null;
        if (permission is not ("allowAll" or "denyAll" or "byQueue")) throw SqsErrors.InvalidAttributeValueFor(RedriveAllowPolicy);
        var sources = policy!["sourceQueueArns"];
        if (permission == "byQueue")
        {
            if (sources is not JsonArray arns || arns.Count is 0 or > 10 || arns.Any(a => a?.GetValueKind() != JsonValueKind.String))
                throw SqsErrors.InvalidAttributeValueFor(RedriveAllowPolicy);
        }
        else if (sources is not null)
        {
            throw SqsErrors.InvalidAttributeValueFor(RedriveAllowPolicy);
        }
    }

    private static void SetOrRemove(SortedDictionary<string, string> face, string name, string value, bool requireJsonObject)
    {
        if (value.Length == 0)
        {
            face.Remove(name);
            return;
        }
        if (requireJsonObject)
        {
            try
            {
                if (JsonNode.Parse(value) is not JsonObject) throw SqsErrors.InvalidAttributeValueFor(name);
            }
            catch (JsonException)
            {
                throw SqsErrors.InvalidAttributeValueFor(name);
            }
        }
        face[name] = value;
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw SqsErrors.InvalidAttributeValueFor(name);

    private static bool Bool(string name, string value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? false
        : throw SqsErrors.InvalidAttributeValueFor(name);

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
