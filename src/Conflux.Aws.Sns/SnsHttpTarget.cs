using Conflux.Aws.Sns.Delivery;
using Conflux.Core.Engine;
using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Aws.Sns;

/// <summary>
/// Pushes one HTTP/S subscription's copies (already rendered: envelope or raw body) as SNS does, and
/// reads the outcome by SNS's rules: 2xx/3xx delivered, 4xx rejected for good, the rest retried on the
/// effective delivery policy's schedule.
/// </summary>
internal sealed class SnsHttpTarget(HttpClient http, SubscriptionDefinition subscription, string topicArn, string subscriptionArn, SnsDeliveryPolicy policy)
    : IPushTarget
{
    private readonly Uri _endpoint = new(subscription.Attributes[SubscriptionAttributes.Endpoint]);
    private readonly bool _raw = subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.RawMessageDelivery) == "true";

    public int? MaxPerSecond => policy.MaxReceivesPerSecond;

    public async Task<PushResult> DeliverAsync(Message message, int attempt, CancellationToken cancellationToken)
    {
        using var request = SnsHttpRequests.Create(_endpoint, SnsMessageType.Notification, message.MessageId, topicArn, subscriptionArn, message.Body, policy.HeaderContentType, _raw);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SnsHttpRequests.AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return SnsHttpRequests.Classify(response.StatusCode) switch
            {
                SnsHttpOutcome.Delivered => PushResult.Delivered,
                SnsHttpOutcome.Rejected => PushResult.Permanent($"HTTP {(int)response.StatusCode}"),
                _ => PushResult.Retry($"HTTP {(int)response.StatusCode}"),
            };
        }
        catch (HttpRequestException error)
        {
            return PushResult.Retry(error.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PushResult.Retry("The endpoint did not answer within 15 seconds.");
        }
    }

    public TimeSpan? RetryDelay(int retry) => policy.DelayBeforeRetry(retry);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
