using Conflux.Aws.Protocol;

namespace Conflux.Aws.Sns;

public sealed partial class SnsApi
{
    private async Task GetTopicAttributes(AwsRequestContext context, ResponseWriter response)
    {
        var topic = await TopicFor(context).ConfigureAwait(false);
        var attributes = TopicAttributes.Read(topic, TopicArn(topic.Name), _account, _engine.ListSubscriptions(topic.Name));
        response.StringMap("Attributes", "entry", attributes, "key", "value");
    }

    private async Task SetTopicAttributes(AwsRequestContext context)
    {
        var topic = await TopicFor(context).ConfigureAwait(false);
        var name = context.Parameters.String("AttributeName") ?? throw SnsErrors.Invalid("AttributeName");
        var value = context.Parameters.String("AttributeValue") ?? "";
        if (name == TopicAttributes.FifoTopic) throw SnsErrors.Invalid("AttributeName");
        TopicAttributes.Validate(name, value, topic.Ordered);
        await _engine.UpdateTopicAsync(topic.Name, current => TopicAttributes.Apply(current, [new(name, value)])).ConfigureAwait(false);
        // HTTP/S pushes follow the topic's delivery policy unless their own overrides it.
        if (name == TopicAttributes.DeliveryPolicy) await _engine.Push.RestartTopicAsync(topic.Name).ConfigureAwait(false);
    }

    private async Task GetDataProtectionPolicy(AwsRequestContext context, ResponseWriter response)
    {
        var topic = await TopicFor(context, "ResourceArn").ConfigureAwait(false);
        response.String("DataProtectionPolicy", topic.Attributes.GetValueOrDefault(TopicAttributes.DataProtectionPolicy) ?? "");
    }

    private async Task PutDataProtectionPolicy(AwsRequestContext context)
    {
        var topic = await TopicFor(context, "ResourceArn").ConfigureAwait(false);
        var policy = context.Parameters.String("DataProtectionPolicy") ?? throw SnsErrors.Invalid("DataProtectionPolicy");
        TopicAttributes.Validate(TopicAttributes.DataProtectionPolicy, policy, topic.Ordered);
        await _engine.UpdateTopicAsync(topic.Name, current => TopicAttributes.Apply(current, [new(TopicAttributes.DataProtectionPolicy, policy)])).ConfigureAwait(false);
    }
}
