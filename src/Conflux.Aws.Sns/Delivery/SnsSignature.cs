namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// The signature block of an SNS document: SignatureVersion ("1" = SHA1withRSA, "2" = SHA256withRSA), the base64
/// Signature and the SigningCertURL where the verifying certificate is served.
/// </summary>
public sealed record SnsSignature(int Version, string Value, string SigningCertUrl);
