namespace Conflux.Aws.Sns.Delivery;

/// <summary>How the backoff phase of an HTTP/S retry policy climbs from minDelayTarget to maxDelayTarget.</summary>
public enum SnsBackoffFunction
{
    Linear,
    Arithmetic,
    Geometric,
    Exponential,
}
