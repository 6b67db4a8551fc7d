using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Actors.Rendering;

/// <summary>A self-signed `*.domain` certificate for the Ingresses when the spec asks to generate one.</summary>
public static class WildcardCertificate
{
    /// <summary>Long enough that an installation is not surprised by an expiry; short enough for clients that cap it.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(825);

    public static TlsMaterial Create(string domain, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=*.{domain}", key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("*." + domain);
        names.AddDnsName(domain);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1")], false)); // server authentication

        // A minute back, so that a node whose clock is slightly behind still accepts it.
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-1), now.Add(Validity));
        return new TlsMaterial(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
