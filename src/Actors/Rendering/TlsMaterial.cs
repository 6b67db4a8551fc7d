using System.Security.Cryptography.X509Certificates;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// A certificate and its private key, both PEM: the content of a kubernetes.io/tls Secret. The renderer takes
/// the material generated earlier as input (read back from the cluster Secret, or from render's local state
/// file), so a generated key is made once and then stays the same from one render to the next.
/// </summary>
public sealed record TlsMaterial(string CertificatePem, string PrivateKeyPem)
{
    public const string CertificateKey = "tls.crt";
    public const string PrivateKeyKey = "tls.key";

    /// <summary>The material of a kubernetes.io/tls Secret's data, or null when either key is missing.</summary>
    public static TlsMaterial? FromSecretData(IDictionary<string, byte[]>? data)
    {
        if (data is null
            || !data.TryGetValue(CertificateKey, out var certificate)
            || !data.TryGetValue(PrivateKeyKey, out var key))
            return null;
        return new TlsMaterial(System.Text.Encoding.UTF8.GetString(certificate), System.Text.Encoding.UTF8.GetString(key));
    }

    /// <summary>
    /// True when the certificate still serves the domain: it names `*.domain` and `domain` and has not expired
    /// by <paramref name="now"/>. Anything else (a changed domain, unreadable PEM, an expired cert) means a new one.
    /// </summary>
    public bool Serves(string domain, DateTimeOffset now)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(CertificatePem, PrivateKeyPem);
            if (now < certificate.NotBefore || now >= certificate.NotAfter)
                return false;
            var names = DnsNames(certificate);
            return names.Contains("*." + domain) && names.Contains(domain);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The DNS names of the certificate's subject alternative name extension.</summary>
    public static IReadOnlySet<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    // A record's generated ToString would print the private key; this one never does.
    public override string ToString() => "TlsMaterial { certificate and key withheld }";
}
