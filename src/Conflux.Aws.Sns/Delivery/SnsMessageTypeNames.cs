namespace Conflux.Aws.Sns.Delivery;

/// <summary>Wire spellings of <see cref="SnsMessageType"/>, as string and UTF-8, so hot paths never call Enum.ToString.</summary>
internal static class SnsMessageTypeNames
{
    public static string Name(SnsMessageType type) => type switch
    {
        SnsMessageType.Notification => "Notification",
        SnsMessageType.SubscriptionConfirmation => "SubscriptionConfirmation",
        SnsMessageType.UnsubscribeConfirmation => "UnsubscribeConfirmation",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static ReadOnlySpan<byte> Utf8(SnsMessageType type) => type switch
    {
        SnsMessageType.Notification => "Notification"u8,
        SnsMessageType.SubscriptionConfirmation => "SubscriptionConfirmation"u8,
        SnsMessageType.UnsubscribeConfirmation => "UnsubscribeConfirmation"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
