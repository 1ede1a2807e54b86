using Conflux.Core.Entities;
using Conflux.Core.Messages;

namespace Conflux.Core.Engine;

/// <summary>
/// Turns a published message into what one subscription receives (the SNS envelope, say). Registered
/// per dialect so that every publisher — a face, a rule target, a workflow — gets the same rendering.
/// </summary>
public interface IDeliveryRenderer
{
    string Dialect { get; }

    /// <summary>
    /// Renders the copy for <paramref name="subscription"/>. <paramref name="publishState"/> starts null
    /// for each publish and is shared by all of its subscriptions, so per-message work (a signature) is
    /// done once however many subscribers there are. Null means this subscription does not receive
    /// the message (SNS drops a raw delivery that carries more attributes than a queue accepts).
    /// </summary>
    Message? Render(Message published, TopicDefinition topic, SubscriptionDefinition subscription, ref object? publishState);
}
