using System.Buffers;
using System.Text;
using Conflux.Aws.Protocol;
using Conflux.Aws.Sns.Delivery;
using Conflux.Aws.Sns.Filtering;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conflux.Aws.Sns;

/// <summary>
/// Everything SNS needs from the engine besides the API: its filter dialects, the envelope renderer,
/// HTTP/S push targets, the persisted signing key and certificate, and the confirmation documents it
/// posts when an endpoint subscribes or unsubscribes.
/// </summary>
internal sealed class SnsDelivery : IPushTargetFactory, IDisposable
{
    private const string SigningKeyMetadata = "sns.signing-key";

    private readonly MessagingEngine _engine;
    private readonly AwsAccount _account;
    private readonly HttpClient _http;
    private readonly byte[] _certificate;

    private SnsDelivery(MessagingEngine engine, AwsAccount account, string publicUrl, SnsSigner signer, HttpClient http)
    {
        _engine = engine;
        _account = account;
        PublicUrl = publicUrl.TrimEnd('/');
        Signer = signer;
        _http = http;
        _certificate = Encoding.ASCII.GetBytes(signer.CertificatePem);
    }

    public string PublicUrl { get; }

    public SnsSigner Signer { get; }

    public string Dialect => SubscriptionAttributes.PushDialect;

    public static async Task<SnsDelivery> CreateAsync(MessagingEngine engine, AwsAccount account, string publicUrl, HttpMessageHandler? handler)
    {
        // Subscribers cache the certificate by URL and verify against it, so the key outlives restarts.
        var pem = await engine.GetOrCreateMetadataAsync(SigningKeyMetadata, () =>
        {
            using var fresh = SnsSigner.Create(account.Region, engine.Time);
            return fresh.ToPem();
        }).ConfigureAwait(false);
        var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(5) })
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        var delivery = new SnsDelivery(engine, account, publicUrl, SnsSigner.FromPem(pem), http);
        engine.RegisterFilterDialect(SnsFilterDialect.Attributes);
        engine.RegisterFilterDialect(SnsFilterDialect.Body);
        engine.RegisterRenderer(new SnsRenderer(delivery.Signer, account, delivery.PublicUrl));
        await engine.Push.RegisterAsync(delivery).ConfigureAwait(false);
        return delivery;
    }

    public IPushTarget Create(SubscriptionDefinition subscription)
    {
        var topic = _engine.GetTopic(subscription.Topic);
        var policy = DeliveryPolicies.For(topic?.Attributes.GetValueOrDefault(TopicAttributes.DeliveryPolicy), subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.DeliveryPolicy));
        return new SnsHttpTarget(_http, subscription, SnsNames.TopicArn(_account, subscription.Topic), SnsNames.SubscriptionArn(_account, subscription.Topic, subscription.SubscriptionName), policy);
    }

    public bool TryServeCertificate(HttpContext http, out Task served)
    {
        served = Task.CompletedTask;
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Path.Value?.TrimStart('/') != Signer.CertificateFileName) return false;
        http.Response.ContentType = "application/x-pem-file";
        served = http.Response.Body.WriteAsync(_certificate).AsTask();
        return true;
    }

    /// <summary>Posts the SubscriptionConfirmation in the background (a few tries); the endpoint confirms via its SubscribeURL.</summary>
    public void SendConfirmation(TopicDefinition topic, SubscriptionDefinition subscription) =>
        _ = PostConfirmationAsync(topic, subscription, SnsMessageType.SubscriptionConfirmation);

    /// <summary>Tells an HTTP endpoint it was unsubscribed (best effort, as SNS).</summary>
    public void SendUnsubscribeConfirmation(TopicDefinition topic, SubscriptionDefinition subscription) =>
        _ = PostConfirmationAsync(topic, subscription, SnsMessageType.UnsubscribeConfirmation);

    private async Task PostConfirmationAsync(TopicDefinition topic, SubscriptionDefinition subscription, SnsMessageType type)
    {
        var topicArn = SnsNames.TopicArn(_account, topic.Name);
        var subscriptionArn = SnsNames.SubscriptionArn(_account, topic.Name, subscription.SubscriptionName);
        var token = subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.Token) ?? "";
        var version = topic.Attributes.GetValueOrDefault(TopicAttributes.SignatureVersion) == "2" ? 2 : 1;
        var confirmation = new SnsConfirmation
        {
            Type = type,
            MessageId = Guid.NewGuid().ToString("D"),
            Token = token,
            TopicArn = topicArn,
            Message = type == SnsMessageType.SubscriptionConfirmation ? SnsConfirmation.SubscribeMessage(topicArn) : SnsConfirmation.UnsubscribeMessage(subscriptionArn),
            SubscribeUrl = SnsUrls.Subscribe(PublicUrl, topicArn, token),
            Timestamp = _engine.Time.GetUtcNow(),
        }.Sign(Signer, version, SnsUrls.SigningCert(PublicUrl, Signer));
        var body = new ArrayBufferWriter<byte>();
        SnsEnvelope.WriteConfirmation(confirmation, body);
        var endpoint = subscription.Attributes[SubscriptionAttributes.Endpoint];
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                using var request = SnsHttpRequests.Create(new Uri(endpoint), type, confirmation.MessageId, topicArn, subscriptionArn, body.WrittenMemory);
                using var timeout = new CancellationTokenSource(SnsHttpRequests.AttemptTimeout);
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                if (SnsHttpRequests.Classify(response.StatusCode) != SnsHttpOutcome.Retry) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                _engine.Logger.LogDebug("SNS {Type} to {Endpoint} failed: {Reason}", type, endpoint, ex.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(attempt * 2), _engine.Time).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        Signer.Dispose();
    }
}
