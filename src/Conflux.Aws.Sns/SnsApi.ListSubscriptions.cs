using Conflux.Aws.Protocol;
using Conflux.Core.Entities;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    private async Task ListSubscriptions(AwsRequestContext context, ResponseWriter response)
    {
        await AuthorizeAsync(context, $"arn:{_account.Partition}:sns:{_account.Region}:{_account.AccountId}:*").ConfigureAwait(false);
        var all = _engine.AllSubscriptions().ToDictionary(SubscriptionArn, StringComparer.Ordinal);
        WriteSubscriptions(response, all, context.Parameters.String("NextToken"));
    }

    private async Task ListSubscriptionsByTopic(AwsRequestContext context, ResponseWriter response)
    {
        var topic = await TopicFor(context).ConfigureAwait(false);
        var all = _engine.ListSubscriptions(topic.Name).ToDictionary(SubscriptionArn, StringComparer.Ordinal);
        WriteSubscriptions(response, all, context.Parameters.String("NextToken"));
    }

    private void WriteSubscriptions(ResponseWriter response, Dictionary<string, SubscriptionDefinition> byArn, string? token)
    {
        var (page, next) = KeyPaging.Page(byArn.Keys.Order(StringComparer.Ordinal), token, 100, static () => SnsErrors.Invalid("NextToken"));
        response.BeginList("Subscriptions", "member");
        foreach (var arn in page)
        {
            var subscription = byArn[arn];
            response.BeginItem();
            response.String("SubscriptionArn", subscription.Active ? arn : "PendingConfirmation");
            response.String("Owner", _account.AccountId);
            response.String("Protocol", subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.Protocol));
            response.String("Endpoint", subscription.Attributes.GetValueOrDefault(SubscriptionAttributes.Endpoint));
            response.String("TopicArn", TopicArn(subscription.Topic));
            response.EndItem();
        }
        response.EndList();
        response.String("NextToken", next);
    }

    private async Task GetSubscriptionAttributes(AwsRequestContext context, ResponseWriter response)
    {
        var subscription = await SubscriptionFor(context).ConfigureAwait(false);
        var attributes = SubscriptionAttributes.Read(subscription, _engine.GetTopic(subscription.Topic), SubscriptionArn(subscription), TopicArn(subscription.Topic), _account);
        response.StringMap("Attributes", "entry", attributes, "key", "value");
    }

    private async Task SetSubscriptionAttributes(AwsRequestContext context)
    {
        var subscription = await SubscriptionFor(context).ConfigureAwait(false);
        var name = context.Parameters.String("AttributeName") ?? throw SnsErrors.Invalid("AttributeName");
        var value = context.Parameters.String("AttributeValue") ?? "";
        var protocol = subscription.Attributes[SubscriptionAttributes.Protocol];
        SubscriptionAttributes.Validate(name, value, protocol, subscription.Attributes, _engine.GetTopic(subscription.Topic)?.Ordered == true);
        var attributes = new SortedDictionary<string, string>(subscription.Attributes.ToDictionary(), StringComparer.Ordinal);
        if (value.Length == 0) attributes.Remove(name);
        else attributes[name] = SubscriptionAttributes.Normalize(name, value);
        if (name == SubscriptionAttributes.FilterPolicy && value.Length == 0) attributes.Remove(SubscriptionAttributes.FilterPolicyScope);
        await _engine.SubscribeAsync(SubscriptionAttributes.Shape(subscription with { Attributes = attributes })).ConfigureAwait(false);
    }
}
