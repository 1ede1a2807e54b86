using System.Globalization;
using System.Security.Cryptography;
using Conflux.Aws.Protocol;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(3);

    private async Task Subscribe(AwsRequestContext context, ResponseWriter response)
    {
        var topic = await TopicFor(context).ConfigureAwait(false);
        var p = context.Parameters;
        var protocol = (p.String("Protocol") ?? throw SnsErrors.Invalid("Protocol")).ToLowerInvariant();
        var endpoint = p.String("Endpoint");
        ValidateEndpoint(protocol, endpoint, topic);
        var requested = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in p.StringMap("Attributes", "Attributes.entry", "key", "value") ?? []) requested[key] = value;
        try
        {
            foreach (var (key, value) in requested) SubscriptionAttributes.Validate(key, value, protocol, requested, topic.Ordered);
        }
        catch (AwsServiceException error) when (error.Code == "InvalidParameter" && error.Message != "Invalid parameter: AttributeName")
        {
            throw SnsErrors.InvalidParameter(SnsErrors.AtSubscribe(error.Message));
        }
        foreach (var key in requested.Keys.ToList()) requested[key] = SubscriptionAttributes.Normalize(key, requested[key]);

        var existing = _engine.ListSubscriptions(topic.Name).FirstOrDefault(s =>
            s.Attributes.GetValueOrDefault(SubscriptionAttributes.Protocol) == protocol && s.Attributes.GetValueOrDefault(SubscriptionAttributes.Endpoint) == endpoint);
        if (existing is not null)
        {
            foreach (var (key, value) in requested)
                if (existing.Attributes.GetValueOrDefault(key) != value) throw SnsErrors.Invalid("Attributes", "Subscription already exists with different attributes");
            if (!existing.Active) _delivery.SendConfirmation(topic, existing);
            WriteSubscribeResult(response, existing, p.Bool("ReturnSubscriptionArn") == true);
            return;
        }

        var push = protocol is "http" or "https";
        var attributes = new SortedDictionary<string, string>(requested, StringComparer.Ordinal)
        {
            [SubscriptionAttributes.Protocol] = protocol,
            [SubscriptionAttributes.Endpoint] = endpoint!,
            [SubscriptionAttributes.Owner] = _account.AccountId,
            [SubscriptionAttributes.ConfirmationWasAuthenticated] = push ? "false" : "true",
        };
        if (push)
        {
            attributes[SubscriptionAttributes.Token] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(64));
            attributes[SubscriptionAttributes.TokenIssuedAt] = _engine.NowMs().ToString(CultureInfo.InvariantCulture);
        }
        var subscription = SubscriptionAttributes.Shape(new SubscriptionDefinition
        {
            Id = 0,
            Name = "",
            Topic = topic.Name,
            SubscriptionName = Guid.NewGuid().ToString("D"),
            // HTTP endpoints receive nothing until they confirm; queues of this account are confirmed at once.
            Active = !push,
            Attributes = attributes,
        });
        subscription = await _engine.SubscribeAsync(subscription).ConfigureAwait(false);
        if (push) _delivery.SendConfirmation(topic, subscription);
        WriteSubscribeResult(response, subscription, p.Bool("ReturnSubscriptionArn") == true);
    }

    private void WriteSubscribeResult(ResponseWriter response, SubscriptionDefinition subscription, bool returnArn) =>
        response.String("SubscriptionArn", subscription.Active || returnArn ? SubscriptionArn(subscription) : "pending confirmation");

    private static void ValidateEndpoint(string protocol, string? endpoint, TopicDefinition topic)
    {
        switch (protocol)
        {
            case "sqs":
                if (endpoint is null || !SnsNames.TryParseQueueArn(endpoint, out var queue)) throw SnsErrors.Invalid("SQS endpoint ARN");
                if (!topic.Ordered && queue.EndsWith(".fifo", StringComparison.Ordinal))
                    throw SnsErrors.InvalidParameter("Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
                break;
            case "http" or "https":
                if (topic.Ordered) throw SnsErrors.InvalidParameter($"Invalid parameter: Invalid protocol type: {protocol}");
                if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != protocol)
                    throw SnsErrors.InvalidParameter("Invalid parameter: Endpoint must match the specified protocol");
                break;
            case "email" or "email-json" or "sms" or "application" or "lambda" or "firehose":
                throw SnsErrors.InvalidParameter($"Invalid parameter: Protocol Reason: {protocol} subscriptions are not supported by Conflux; subscribe an SQS queue or an HTTP/S endpoint");
            default:
                throw SnsErrors.InvalidParameter($"Invalid parameter: Amazon SNS does not support this protocol string: {protocol}");
        }
    }

    private async Task ConfirmSubscription(AwsRequestContext context, ResponseWriter response)
    {
        TopicDefinition topic;
        try
        {
            topic = await TopicFor(context).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.Code == "NotFound")
        {
            // SNS judges the token first: a token for a topic that does not exist is simply invalid.
            throw SnsErrors.Invalid("Token");
        }
        catch (AwsServiceException error) when (error.Message == "Invalid parameter: TopicArn")
        {
            throw SnsErrors.Invalid("Topic");
        }
        var token = context.Parameters.String("Token") ?? throw SnsErrors.Invalid("Token");
        var subscription = _engine.ListSubscriptions(topic.Name).FirstOrDefault(s => s.Attributes.GetValueOrDefault(SubscriptionAttributes.Token) == token)
            // SNS tokens are hex: a hex token that matches nothing is an invalid Token parameter, anything else not a token at all.
            ?? throw (token.Length > 0 && token.All(char.IsAsciiHexDigit) ? SnsErrors.Invalid("Token") : SnsErrors.InvalidParameter("Invalid token"));
        if (!subscription.Active)
        {
            var issued = long.Parse(subscription.Attributes[SubscriptionAttributes.TokenIssuedAt], CultureInfo.InvariantCulture);
            if (_engine.NowMs() - issued > (long)TokenLifetime.TotalMilliseconds) throw SnsErrors.Invalid("Token");
            var authenticated = context.Parameters.String("AuthenticateOnUnsubscribe") is { } flag && flag.Equals("true", StringComparison.OrdinalIgnoreCase);
            var attributes = new SortedDictionary<string, string>(subscription.Attributes.ToDictionary(), StringComparer.Ordinal)
            {
                [SubscriptionAttributes.ConfirmationWasAuthenticated] = authenticated ? "true" : "false",
            };
            subscription = await _engine.SubscribeAsync(subscription with { Active = true, Attributes = attributes }).ConfigureAwait(false);
        }
        response.String("SubscriptionArn", SubscriptionArn(subscription));
    }

    private async Task Unsubscribe(AwsRequestContext context)
    {
        SubscriptionDefinition subscription;
        try
        {
            subscription = await SubscriptionFor(context).ConfigureAwait(false);
        }
        catch (AwsServiceException error) when (error.Code == "NotFound")
        {
            // Unsubscribing twice is not an error in SNS.
            return;
        }
        await _engine.UnsubscribeAsync(subscription.Topic, subscription.SubscriptionName).ConfigureAwait(false);
        if (subscription.Push is not null && _engine.GetTopic(subscription.Topic) is { } topic) _delivery.SendUnsubscribeConfirmation(topic, subscription);
    }
}
