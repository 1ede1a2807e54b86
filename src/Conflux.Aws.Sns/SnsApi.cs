using System.Collections.Frozen;
using Conflux.Aws.Protocol;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Security;

namespace Conflux.Aws.Sns;

/// <summary>
/// The SNS face: the query-protocol API translated onto the engine's topics and subscriptions. Topics
/// are engine topics; an sqs subscription forwards into the engine queue, an http/https subscription
/// buffers and is drained by the engine's push loop. One file per action holds the translation.
/// </summary>
public sealed partial class SnsApi : IAwsService
{
    private static readonly string[] UnsupportedActions =
    [
        "CheckIfPhoneNumberIsOptedOut", "CreatePlatformApplication", "CreatePlatformEndpoint", "CreateSMSSandboxPhoneNumber",
        "DeleteEndpoint", "DeletePlatformApplication", "DeleteSMSSandboxPhoneNumber", "GetEndpointAttributes",
        "GetPlatformApplicationAttributes", "GetSMSAttributes", "GetSMSSandboxAccountStatus", "ListEndpointsByPlatformApplication",
        "ListOriginationNumbers", "ListPhoneNumbersOptedOut", "ListPlatformApplications", "ListSMSSandboxPhoneNumbers",
        "OptInPhoneNumber", "SetEndpointAttributes", "SetPlatformApplicationAttributes", "SetSMSAttributes", "VerifySMSSandboxPhoneNumber",
    ];

    private static readonly FrozenDictionary<string, Operation> Operations = BuildOperations();

    private static readonly FrozenDictionary<string, Operation>.AlternateLookup<ReadOnlySpan<char>> OperationsBySpan =
        Operations.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly MessagingEngine _engine;
    private readonly AwsAccount _account;
    private readonly IAuthorizer _authorizer;
    private readonly SnsDelivery _delivery;

    private SnsApi(MessagingEngine engine, AwsAccount account, IAuthorizer authorizer, SnsDelivery delivery)
    {
        _engine = engine;
        _account = account;
        _authorizer = authorizer;
        _delivery = delivery;
    }

    /// <summary>
    /// Creates the face and registers its filter dialects, renderer and HTTP push with the engine.
    /// <paramref name="publicUrl"/> is where subscribers reach this server (SubscribeURL, SigningCertURL).
    /// </summary>
    public static async Task<SnsApi> CreateAsync(MessagingEngine engine, AwsAccount account, IAuthorizer authorizer, string publicUrl, HttpMessageHandler? httpHandler = null)
    {
        var delivery = await SnsDelivery.CreateAsync(engine, account, publicUrl, httpHandler).ConfigureAwait(false);
        return new SnsApi(engine, account, authorizer, delivery);
    }

    public static IReadOnlyCollection<string> Actions => Operations.Keys;

    public string SigningName => "sns";

    public string? JsonTargetPrefix => null;

    public string JsonErrorNamespace => "com.amazonaws.sns";

    public bool QueryCompatible => false;

    public string XmlNamespace => "http://sns.amazonaws.com/doc/2010-03-31/";

    public bool XmlFlattened => false;

    public bool Handles(string action) => Operations.ContainsKey(action);

    public string? CanonicalAction(ReadOnlySpan<char> action) => OperationsBySpan.TryGetValue(action, out var operation) ? operation.Name : null;

    public bool HasResult(string action) => Operations.TryGetValue(action, out var op) && op.HasResult;

    public bool ClaimsPath(string path) => false;

    /// <summary>Serves the signing certificate at the SigningCertURL path; false for any other path.</summary>
    public bool TryServeCertificate(Microsoft.AspNetCore.Http.HttpContext http, out Task served) => _delivery.TryServeCertificate(http, out served);

    public async Task HandleAsync(AwsRequestContext context, ResponseWriter response)
    {
        try
        {
            await Operations[context.Action].Handler(this, context, response).ConfigureAwait(false);
        }
        catch (EngineException error)
        {
            throw Translate(error);
        }
    }

    private static AwsServiceException Translate(EngineException error) => error.Error switch
    {
        EngineError.EntityNotFound => SnsErrors.TopicNotFound(),
        _ => SnsErrors.InvalidParameter($"Invalid parameter: {error.Message}"),
    };

    private async Task AuthorizeAsync(AwsRequestContext context, string resourceArn)
    {
        var result = await _authorizer.AuthorizeAsync(context.Principal, Operations[context.Action].Permission, resourceArn, context.Aborted).ConfigureAwait(false);
        if (!result.Allowed) throw SnsErrors.AuthorizationError(result.Reason ?? $"User: {context.Principal.Id} is not authorized to perform: {Operations[context.Action].Permission} on resource: {resourceArn}");
    }

    /// <summary>The topic a TopicArn-like parameter names, authorized; NotFound if it does not exist.</summary>
    private async Task<TopicDefinition> TopicFor(AwsRequestContext context, string parameter = "TopicArn")
    {
        var arn = context.Parameters.String(parameter) ?? throw SnsErrors.Invalid(parameter);
        if (!SnsNames.TryParseTopicArn(_account, arn, out var name))
            throw SnsNames.LooksLikeArn(arn) && arn.Split(':')[3] == _account.Region ? SnsErrors.TopicNotFound() : SnsErrors.Invalid(parameter);
        var topic = _engine.GetTopic(name) ?? throw SnsErrors.TopicNotFound();
        await AuthorizeAsync(context, arn).ConfigureAwait(false);
        return topic;
    }

    private async Task<SubscriptionDefinition> SubscriptionFor(AwsRequestContext context)
    {
        var arn = context.Parameters.String("SubscriptionArn") ?? throw SnsErrors.Invalid("SubscriptionArn");
        if (!SnsNames.TryParseSubscriptionArn(_account, arn, out var topic, out var id))
            throw SnsNames.LooksLikeArn(arn) ? SnsErrors.SubscriptionNotFound() : SnsErrors.Invalid("SubscriptionArn");
        var subscription = _engine.GetSubscription(topic, id) ?? throw SnsErrors.SubscriptionNotFound();
        await AuthorizeAsync(context, arn).ConfigureAwait(false);
        return subscription;
    }

    private string TopicArn(string topic) => SnsNames.TopicArn(_account, topic);

    private string SubscriptionArn(SubscriptionDefinition subscription) => SnsNames.SubscriptionArn(_account, subscription.Topic, subscription.SubscriptionName);

    private static FrozenDictionary<string, Operation> BuildOperations()
    {
        var operations = new Dictionary<string, Operation>(StringComparer.Ordinal)
        {
            ["AddPermission"] = new((api, c, w) => api.AddPermission(c), HasResult: false),
            ["ConfirmSubscription"] = new((api, c, w) => api.ConfirmSubscription(c, w), HasResult: true),
            ["CreateTopic"] = new((api, c, w) => api.CreateTopic(c, w), HasResult: true),
            ["DeleteTopic"] = new((api, c, w) => api.DeleteTopic(c), HasResult: false),
            ["GetDataProtectionPolicy"] = new((api, c, w) => api.GetDataProtectionPolicy(c, w), HasResult: true),
            ["GetSubscriptionAttributes"] = new((api, c, w) => api.GetSubscriptionAttributes(c, w), HasResult: true),
            ["GetTopicAttributes"] = new((api, c, w) => api.GetTopicAttributes(c, w), HasResult: true),
            ["ListSubscriptions"] = new((api, c, w) => api.ListSubscriptions(c, w), HasResult: true),
            ["ListSubscriptionsByTopic"] = new((api, c, w) => api.ListSubscriptionsByTopic(c, w), HasResult: true),
            ["ListTagsForResource"] = new((api, c, w) => api.ListTagsForResource(c, w), HasResult: true),
            ["ListTopics"] = new((api, c, w) => api.ListTopics(c, w), HasResult: true),
            ["Publish"] = new((api, c, w) => api.Publish(c, w), HasResult: true),
            ["PublishBatch"] = new((api, c, w) => api.PublishBatch(c, w), HasResult: true),
            ["PutDataProtectionPolicy"] = new((api, c, w) => api.PutDataProtectionPolicy(c), HasResult: false),
            ["RemovePermission"] = new((api, c, w) => api.RemovePermission(c), HasResult: false),
            ["SetSubscriptionAttributes"] = new((api, c, w) => api.SetSubscriptionAttributes(c), HasResult: false),
            ["SetTopicAttributes"] = new((api, c, w) => api.SetTopicAttributes(c), HasResult: false),
            ["Subscribe"] = new((api, c, w) => api.Subscribe(c, w), HasResult: true),
            ["TagResource"] = new((api, c, w) => api.TagResource(c), HasResult: true),
            ["Unsubscribe"] = new((api, c, w) => api.Unsubscribe(c), HasResult: false),
            ["UntagResource"] = new((api, c, w) => api.UntagResource(c), HasResult: true),
        };
        foreach (var action in UnsupportedActions)
            operations[action] = new((_, c, _) => throw SnsErrors.Unsupported(c.Action), HasResult: true);
        return operations.ToFrozenDictionary(p => p.Key, p => p.Value with { Name = p.Key, Permission = $"sns:{p.Key}" }, StringComparer.Ordinal);
    }

    private sealed record Operation(Func<SnsApi, AwsRequestContext, ResponseWriter, Task> Handler, bool HasResult)
    {
        public string Name { get; init; } = "";

        public string Permission { get; init; } = "";
    }
}
