using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conflux.Aws.Sns.Delivery;

/// <summary>
/// The server's SNS signing identity: an RSA key and a self-signed certificate for it. Subscribers fetch the
/// certificate from the SigningCertURL and check Signature against it, so the key must survive restarts: the host keeps
/// <see cref="ToPem"/> in its metadata store and rebuilds the signer with <see cref="FromPem"/>.
/// </summary>
public sealed class SnsSigner : IDisposable
{
    private const int KeySizeBits = 2048;
    private const string PrivateKeyLabel = "PRIVATE KEY";

    // .NET documents RSA instance members as not thread-safe, so concurrent publishers each rent their own instance.
    // The pool only ever holds as many keys as there were simultaneous signers.
    private readonly ConcurrentBag<RSA> _pool = [];
    private readonly byte[] _pkcs8;
    private bool _disposed;

    private SnsSigner(byte[] pkcs8, byte[] certificateDer)
    {
        _pkcs8 = pkcs8;
        CertificatePem = PemEncoding.WriteString("CERTIFICATE", certificateDer) + "\n";
        // Derived from the certificate so a new key gets a new URL: subscribers cache certificates by URL.
        var digest = SHA256.HashData(certificateDer);
        CertificateFileName = "SimpleNotificationService-" + Convert.ToHexStringLower(digest.AsSpan(0, 16)) + ".pem";
    }

    /// <summary>The certificate as PEM: what the server serves at the SigningCertURL.</summary>
    public string CertificatePem { get; }

    /// <summary>A file name in the shape AWS uses for its certificates ("SimpleNotificationService-{hash}.pem").</summary>
    public string CertificateFileName { get; }

    /// <summary>A new RSA-2048 key with a ten-year self-signed certificate for CN=sns.{region}.amazonaws.com.</summary>
    public static SnsSigner Create(string region, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(time);
        using var rsa = RSA.Create(KeySizeBits);
        var request = new CertificateRequest($"CN=sns.{region}.amazonaws.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        // Backdated a little so a subscriber whose clock lags ours still accepts it.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return new SnsSigner(rsa.ExportPkcs8PrivateKey(), certificate.RawData);
    }

    /// <summary>Restores a signer from <see cref="ToPem"/> output (a PKCS#8 private key and its certificate).</summary>
    public static SnsSigner FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        using var certificate = X509Certificate2.CreateFromPem(pem);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        using var certificateKey = certificate.GetRSAPublicKey() ?? throw new CryptographicException("The certificate does not hold an RSA key.");
        if (!certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(rsa.ExportSubjectPublicKeyInfo()))
            throw new CryptographicException("The private key does not belong to the certificate.");
        return new SnsSigner(rsa.ExportPkcs8PrivateKey(), certificate.RawData);
    }

    /// <summary>The private key (PKCS#8 PEM) followed by the certificate PEM, for the host to persist.</summary>
    public string ToPem() => PemEncoding.WriteString(PrivateKeyLabel, _pkcs8) + "\n" + CertificatePem;

    /// <summary>
    /// Signs the fields' string to sign with PKCS#1 v1.5: SHA1withRSA for <paramref name="signatureVersion"/> 1,
    /// SHA256withRSA for 2. Returns the base64 Signature value.
    /// </summary>
    public string Sign(SnsSignedFields fields, int signatureVersion)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var hash = signatureVersion switch
        {
            1 => HashAlgorithmName.SHA1,
            2 => HashAlgorithmName.SHA256,
            _ => throw new ArgumentOutOfRangeException(nameof(signatureVersion), signatureVersion, "SNS signature versions are 1 and 2."),
        };
        ObjectDisposedException.ThrowIf(_disposed, this);
        var buffer = ArrayPool<byte>.Shared.Rent(fields.MaxUtf8Length());
        var rsa = Rent();
        try
        {
            var length = fields.WriteUtf8(buffer);
            Span<byte> signature = stackalloc byte[512];
            if (!rsa.TrySignData(buffer.AsSpan(0, length), signature, hash, RSASignaturePadding.Pkcs1, out var written))
                return Convert.ToBase64String(rsa.SignData(buffer, 0, length, hash, RSASignaturePadding.Pkcs1));
            return Convert.ToBase64String(signature[..written]);
        }
        finally
        {
            _pool.Add(rsa);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Signs the fields and returns the complete signature block for an envelope.</summary>
    public SnsSignature CreateSignature(SnsSignedFields fields, int signatureVersion, string signingCertUrl) =>
        new(signatureVersion, Sign(fields, signatureVersion), signingCertUrl);

    private RSA Rent()
    {
        if (_pool.TryTake(out var rsa)) return rsa;
        rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(_pkcs8, out _);
        return rsa;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_pool.TryTake(out var rsa)) rsa.Dispose();
    }
}
