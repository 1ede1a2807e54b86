namespace Conflux.Core.Engine;

/// <summary>
/// Identifies one lease on one message: faces encode it as an SQS receipt handle or a Service Bus lock
/// token. <see cref="Token"/> increases with every delivery of the message.
/// </summary>
public readonly record struct LeaseToken(long EntityId, long SequenceNumber, int Token);
