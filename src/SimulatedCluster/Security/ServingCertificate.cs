using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// The TLS identity of the API server's https port: a cluster CA made at start and a serving certificate it
/// signed for 127.0.0.1 and localhost, as kubeadm makes them. kubectl sends a bearer token only over TLS, so
/// service-account kubeconfigs name this port and carry the CA (certificate-authority-data).
/// </summary>
public sealed class ServingCertificate : IDisposable
{
    private ServingCertificate(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    /// <summary>The CA's certificate (no key leaves this class), as clients must trust it.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The serving certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The CA in PEM, base64-encoded, as a kubeconfig's certificate-authority-data holds it.</summary>
    public string AuthorityData => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Authority.ExportCertificatePem()));

    public static ServingCertificate Create(DateTimeOffset now)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=kubernetes", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName("kubernetes.default.svc");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = serverRequest.Create(ca, now.AddMinutes(-5), now.AddYears(1), serial);
        // A PKCS#12 round trip gives Kestrel a certificate whose key it can use on every platform.
        var server = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);
        var authority = X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert));
        return new ServingCertificate(authority, server);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}
