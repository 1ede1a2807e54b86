namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// An invalid DeliveryPolicy; <see cref="Exception.Message"/> is the full text SNS returns with InvalidParameter
/// ("Invalid parameter: DeliveryPolicy: ...").
/// </summary>
public sealed class SnsDeliveryPolicyException(string message) : Exception(message);
