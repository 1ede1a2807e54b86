namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// The links SNS puts into its documents. ARNs and tokens go in unencoded, as AWS writes them (they contain only
/// characters that are safe in a query string).
/// </summary>
public static class SnsUrls
{
    /// <param name="serviceUrl">The endpoint subscribers reach the server at, e.g. "https://sns.us-east-1.amazonaws.com".</param>
    public static string Subscribe(string serviceUrl, string topicArn, string token) =>
        $"{Trim(serviceUrl)}/?Action=ConfirmSubscription&TopicArn={topicArn}&Token={token}";

    public static string Unsubscribe(string serviceUrl, string subscriptionArn) =>
        $"{Trim(serviceUrl)}/?Action=Unsubscribe&SubscriptionArn={subscriptionArn}";

    public static string SigningCert(string serviceUrl, SnsSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return $"{Trim(serviceUrl)}/{signer.CertificateFileName}";
    }

    private static string Trim(string serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        return serviceUrl.TrimEnd('/');
    }
}
