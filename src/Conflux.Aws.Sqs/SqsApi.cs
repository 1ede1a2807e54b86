using System.Collections.Frozen;
using System.Security.Cryptography;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Security;

namespace Conflux.Aws.Sqs;

/// <summary>
/// The SQS face: parses each action (JSON or query alike), validates it as SQS does, and translates it
/// onto the engine. It owns no message state; one file per action holds the translation.
/// </summary>
public sealed partial class SqsApi : IAwsService
{
    private const string ReceiptKeyMetadata = "sqs.receipt-key";

    private static readonly FrozenDictionary<string, Operation> Operations = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["AddPermission"] = new((api, c, w) => api.AddPermission(c), HasResult: false),
        ["CancelMessageMoveTask"] = new((api, c, w) => api.CancelMessageMoveTask(c, w), HasResult: true),
        ["ChangeMessageVisibility"] = new((api, c, w) => api.ChangeMessageVisibility(c), HasResult: false),
        ["ChangeMessageVisibilityBatch"] = new((api, c, w) => api.ChangeMessageVisibilityBatch(c, w), HasResult: true),
        ["CreateQueue"] = new((api, c, w) => api.CreateQueue(c, w), HasResult: true),
        ["DeleteMessage"] = new((api, c, w) => api.DeleteMessage(c), HasResult: false),
        ["DeleteMessageBatch"] = new((api, c, w) => api.DeleteMessageBatch(c, w), HasResult: true),
        ["DeleteQueue"] = new((api, c, w) => api.DeleteQueue(c), HasResult: false),
        ["GetQueueAttributes"] = new((api, c, w) => api.GetQueueAttributes(c, w), HasResult: true),
        ["GetQueueUrl"] = new((api, c, w) => api.GetQueueUrl(c, w), HasResult: true),
        ["ListDeadLetterSourceQueues"] = new((api, c, w) => api.ListDeadLetterSourceQueues(c, w), HasResult: true),
        ["ListMessageMoveTasks"] = new((api, c, w) => api.ListMessageMoveTasks(c, w), HasResult: true),
        ["ListQueueTags"] = new((api, c, w) => api.ListQueueTags(c, w), HasResult: true),
        ["ListQueues"] = new((api, c, w) => api.ListQueues(c, w), HasResult: true),
        ["PurgeQueue"] = new((api, c, w) => api.PurgeQueue(c), HasResult: false),
        ["ReceiveMessage"] = new((api, c, w) => api.ReceiveMessage(c, w), HasResult: true),
        ["RemovePermission"] = new((api, c, w) => api.RemovePermission(c), HasResult: false),
        ["SendMessage"] = new((api, c, w) => api.SendMessage(c, w), HasResult: true),
        ["SendMessageBatch"] = new((api, c, w) => api.SendMessageBatch(c, w), HasResult: true),
        ["SetQueueAttributes"] = new((api, c, w) => api.SetQueueAttributes(c), HasResult: false),
        ["StartMessageMoveTask"] = new((api, c, w) => api.StartMessageMoveTask(c, w), HasResult: true),
        ["TagQueue"] = new((api, c, w) => api.TagQueue(c), HasResult: false),
        ["UntagQueue"] = new((api, c, w) => api.UntagQueue(c), HasResult: false),
    }.ToFrozenDictionary(p => p.Key, p => p.Value with { Name = p.Key, Permission = $"sqs:{p.Key}" }, StringComparer.Ordinal);

    private readonly MessagingEngine _engine;
    private readonly AwsAccount _account;
    private readonly IAuthorizer _authorizer;
    private readonly ReceiptHandles _receipts;
    private readonly QueueAttributes _attributes;
    private readonly Core.Diagnostics.BoundedCache<string> _arns = new();
    private readonly Core.Diagnostics.BoundedCache<Core.Messages.PropertyBag> _senders = new();

    private SqsApi(MessagingEngine engine, AwsAccount account, IAuthorizer authorizer, byte[] receiptKey)
    {
        _engine = engine;
        _account = account;
        _authorizer = authorizer;
        _receipts = new ReceiptHandles(receiptKey);
        _attributes = new QueueAttributes(account, engine.GetQueue);
    }

    /// <summary>Creates the face; the receipt-handle key is created once and kept with the data.</summary>
    public static async Task<SqsApi> CreateAsync(MessagingEngine engine, AwsAccount account, IAuthorizer authorizer)
    {
        var key = await engine.GetOrCreateMetadataAsync(ReceiptKeyMetadata, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).ConfigureAwait(false);
        return new SqsApi(engine, account, authorizer, Convert.FromBase64String(key));
    }

    /// <summary>The actions this face implements (all of the SQS API).</summary>
    public static IReadOnlyCollection<string> Actions => Operations.Keys;

    public string SigningName => "sqs";

    public string? JsonTargetPrefix => "AmazonSQS";

    public string JsonErrorNamespace => "com.amazonaws.sqs";

    public bool QueryCompatible => true;

    public string XmlNamespace => "http://queue.amazonaws.com/doc/2012-11-05/";

    private static readonly FrozenDictionary<string, Operation>.AlternateLookup<ReadOnlySpan<char>> OperationsBySpan =
        Operations.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool Handles(string action) => Operations.ContainsKey(action);

    public string? CanonicalAction(ReadOnlySpan<char> action) => OperationsBySpan.TryGetValue(action, out var operation) ? operation.Name : null;

    public bool HasResult(string action) => Operations.TryGetValue(action, out var op) && op.HasResult;

    public bool ClaimsPath(string path) => SqsNames.TryParseUrl(path, out var account, out _) && account == _account.AccountId;

    public async Task HandleAsync(AwsRequestContext context, ResponseWriter response)
    {
        try
        {
            await Operations[context.Action].Handler(this, context, response).ConfigureAwait(false);
        }
        catch (EngineException error)
        {
            throw Translate(error, context);
        }
    }

    private static AwsServiceException Translate(EngineException error, AwsRequestContext context) => error.Error switch
    {
        EngineError.EntityNotFound => SqsErrors.QueueDoesNotExist(context.Protocol),
        EngineError.TooManyInFlight => SqsErrors.OverLimit("Too many messages in flight."),
        EngineError.GroupIdRequired => CommonErrors.MissingParameter("MessageGroupId"),
        EngineError.DeduplicationIdRequired => SqsErrors.DeduplicationIdRequired(),
        _ => CommonErrors.InvalidParameterValue(error.Message),
    };

    /// <summary>The queue a request addresses: its QueueUrl parameter, or the URL path it was posted to.</summary>
    private QueueDefinition ResolveQueue(AwsRequestContext context)
    {
        var url = context.Parameters.String("QueueUrl");
        if (url is null)
        {
            var path = context.Http.Request.Path.Value ?? "/";
            if (path.Length <= 1) throw CommonErrors.MissingParameter("QueueUrl");
            url = path;
        }
        // SQS also accepts a bare queue name where a URL is expected.
        if (SqsNames.IsValidQueueName(url, url.EndsWith(SqsNames.FifoSuffix, StringComparison.Ordinal)))
            return _engine.GetQueue(url) ?? throw SqsErrors.QueueDoesNotExist(context.Protocol);
        if (!SqsNames.TryParseUrl(url, out var account, out var name)) throw SqsErrors.InvalidAddress(url);
        if (account != _account.AccountId) throw SqsErrors.QueueDoesNotExist(context.Protocol);
        return _engine.GetQueue(name) ?? throw SqsErrors.QueueDoesNotExist(context.Protocol);
    }

    private async Task AuthorizeAsync(AwsRequestContext context, string resourceArn)
    {
        var result = await _authorizer.AuthorizeAsync(context.Principal, Operations[context.Action].Permission, resourceArn, context.Aborted).ConfigureAwait(false);
        if (!result.Allowed) throw CommonErrors.AccessDenied(result.Reason ?? $"Access to the resource {resourceArn} is denied.");
    }

    private async Task<QueueDefinition> QueueFor(AwsRequestContext context)
    {
        var queue = ResolveQueue(context);
        await AuthorizeAsync(context, Arn(queue.Name)).ConfigureAwait(false);
        return queue;
    }

    private string QueueUrl(AwsRequestContext context, string name) => SqsNames.Url(context.BaseUrl, _account, name);

    /// <summary>The queue's ARN, built once per name (it is needed on every request for authorization).</summary>
    private string Arn(string queueName) => _arns.GetOrAdd(queueName, static (name, account) => SqsNames.Arn(account, name), _account);

    private sealed record Operation(Func<SqsApi, AwsRequestContext, ResponseWriter, Task> Handler, bool HasResult)
    {
        public string Name { get; init; } = "";

        public string Permission { get; init; } = "";
    }
}
