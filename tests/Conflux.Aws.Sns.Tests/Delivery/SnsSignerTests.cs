using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Conflux.Aws.Sns.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace Conflux.Aws.Sns.Tests.Delivery;

public sealed class SnsSignerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly SnsSigner _signer = SnsSigner.Create("us-east-2", new FakeTimeProvider(Now));

    public void Dispose() => _signer.Dispose();

    // The example from "Verifying the signatures of Amazon SNS messages".
    private static readonly SnsSignedFields DocNotification = new(
        SnsMessageType.Notification,
        MessageId: "4d4dc071-ddbf-465d-bba8-08f81c89da64",
        Message: "My Test Message",
        Timestamp: DateTimeOffset.Parse("2019-01-31T04:37:04.321Z", System.Globalization.CultureInfo.InvariantCulture),
        TopicArn: "arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P",
        Subject: "My subject");

    private const string DocNotificationStringToSign =
        "Message\nMy Test Message\n" +
        "MessageId\n4d4dc071-ddbf-465d-bba8-08f81c89da64\n" +
        "Subject\nMy subject\n" +
        "Timestamp\n2019-01-31T04:37:04.321Z\n" +
        "TopicArn\narn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P\n" +
        "Type\nNotification\n";

    [Fact]
    public void StringToSign_Notification_MatchesAwsDocumentation() =>
        Assert.Equal(DocNotificationStringToSign, DocNotification.StringToSign());

    [Fact]
    public void StringToSign_NotificationWithoutSubject_LeavesSubjectOut() =>
        Assert.Equal(
            "Message\nMy Test Message\nMessageId\n4d4dc071-ddbf-465d-bba8-08f81c89da64\nTimestamp\n2019-01-31T04:37:04.321Z\n" +
            "TopicArn\narn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P\nType\nNotification\n",
            (DocNotification with { Subject = null }).StringToSign());

    [Fact]
    public void StringToSign_SubscriptionConfirmation_MatchesAwsDocumentation()
    {
        const string topic = "arn:aws:sns:us-east-2:123456789012:s4-MySNSTopic-1G1WEFCOXTC0P";
        const string url = "https://sns.us-east-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=233...";
        var fields = new SnsSignedFields(
            SnsMessageType.SubscriptionConfirmation, "3d891288-136d-417f-bc05-901c108273ee", "My Test Message",
            DateTimeOffset.Parse("2019-01-31T19:25:13.719Z", System.Globalization.CultureInfo.InvariantCulture), topic,
            SubscribeUrl: url, Token: "233...");

        Assert.Equal(
            "Message\nMy Test Message\nMessageId\n3d891288-136d-417f-bc05-901c108273ee\nSubscribeURL\n" + url +
            "\nTimestamp\n2019-01-31T19:25:13.719Z\nToken\n233...\nTopicArn\n" + topic + "\nType\nSubscriptionConfirmation\n",
            fields.StringToSign());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Sign_AnyVersion_VerifiesWithCertificatePublicKey(int version)
    {
        var signature = Convert.FromBase64String(_signer.Sign(DocNotification, version));

        using var rsa = PublicKey(_signer);
        Assert.Equal(256, signature.Length);
        Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(DocNotificationStringToSign), signature, Hash(version), RSASignaturePadding.Pkcs1));
        // Version 1 is SHA1withRSA and version 2 SHA256withRSA, not interchangeable.
        Assert.False(rsa.VerifyData(Encoding.UTF8.GetBytes(DocNotificationStringToSign), signature, Hash(3 - version), RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Sign_FieldChanged_NoLongerVerifies()
    {
        var signature = Convert.FromBase64String(_signer.Sign(DocNotification, 2));

        using var rsa = PublicKey(_signer);
        foreach (var changed in new[]
        {
            DocNotification with { Message = "My Test Message!" },
            DocNotification with { MessageId = "4d4dc071-ddbf-465d-bba8-08f81c89da65" },
            DocNotification with { Subject = null },
            DocNotification with { Timestamp = DocNotification.Timestamp.AddMilliseconds(1) },
            DocNotification with { TopicArn = DocNotification.TopicArn + "x" },
            DocNotification with { Type = SnsMessageType.UnsubscribeConfirmation, SubscribeUrl = "u", Token = "t" },
        })
        {
            Assert.False(rsa.VerifyData(Encoding.UTF8.GetBytes(changed.StringToSign()), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public void Sign_NonAsciiMessage_SignsUtf8Bytes()
    {
        var fields = DocNotification with { Message = "KBDS도넛 😀 \"quoted\"\nline" };
        var signature = Convert.FromBase64String(_signer.Sign(fields, 1));

        using var rsa = PublicKey(_signer);
        Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(fields.StringToSign()), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Sign_UnknownVersion_Throws(int version) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _signer.Sign(DocNotification, version));

    [Fact]
    public void Sign_ManyThreadsAtOnce_EverySignatureVerifies()
    {
        var signatures = new string[64];
        Parallel.For(0, signatures.Length, i => signatures[i] = _signer.Sign(DocNotification with { MessageId = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, 2));

        using var rsa = PublicKey(_signer);
        for (var i = 0; i < signatures.Length; i++)
        {
            var text = (DocNotification with { MessageId = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).StringToSign();
            Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(signatures[i]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public void Create_Certificate_NamesRegionAndLastsTenYears()
    {
        using var certificate = X509Certificate2.CreateFromPem(_signer.CertificatePem);

        Assert.Equal("CN=sns.us-east-2.amazonaws.com", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        Assert.True(certificate.NotBefore.ToUniversalTime() <= Now.UtcDateTime);
        Assert.Equal(Now.AddYears(10).UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);
        Assert.False(certificate.HasPrivateKey);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", _signer.CertificatePem, StringComparison.Ordinal);
        Assert.EndsWith("-----END CERTIFICATE-----\n", _signer.CertificatePem, StringComparison.Ordinal);
        Assert.Matches("^SimpleNotificationService-[0-9a-f]{32}\\.pem$", _signer.CertificateFileName);
    }

    [Fact]
    public void FromPem_OwnPem_RestoresTheSameIdentity()
    {
        var pem = _signer.ToPem();
        using var restored = SnsSigner.FromPem(pem);

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
        Assert.Contains("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        Assert.Equal(pem, restored.ToPem());
        Assert.Equal(_signer.CertificatePem, restored.CertificatePem);
        Assert.Equal(_signer.CertificateFileName, restored.CertificateFileName);
        using var rsa = PublicKey(_signer);
        var signature = Convert.FromBase64String(restored.Sign(DocNotification, 1));
        Assert.True(rsa.VerifyData(Encoding.UTF8.GetBytes(DocNotificationStringToSign), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void FromPem_KeyOfAnotherCertificate_Throws()
    {
        using var other = SnsSigner.Create("eu-west-1", TimeProvider.System);
        var key = _signer.ToPem()[.._signer.ToPem().IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)];

        Assert.Throws<CryptographicException>(() => SnsSigner.FromPem(key + other.CertificatePem));
    }

    [Fact]
    public void Create_TwoSigners_HaveDifferentCertificateFiles()
    {
        using var other = SnsSigner.Create("us-east-2", new FakeTimeProvider(Now));

        Assert.NotEqual(_signer.CertificateFileName, other.CertificateFileName);
    }

    private static RSA PublicKey(SnsSigner signer)
    {
        using var certificate = X509Certificate2.CreateFromPem(signer.CertificatePem);
        return certificate.GetRSAPublicKey()!;
    }

    private static HashAlgorithmName Hash(int version) => version == 1 ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
}
