using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

/// <summary>
/// <see cref="KubeconfigDocument"/> reads kubeconfigs with a reader of its own (the client's maps every model type first);
/// what it builds must be what the client's own <c>BuildConfigFromConfigFile</c> builds from the same file.
/// </summary>
public sealed class KubeconfigDocumentSpecs : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("kubeconfig-document-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void A_kubeconfig_reads_as_the_client_reads_it_relative_certificate_paths_included()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=simulated-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Directory.CreateDirectory(Path.Combine(directory, "pki"));
        File.WriteAllText(Path.Combine(directory, "pki", "ca.crt"), certificate.ExportCertificatePem());
        var path = Path.Combine(directory, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: second
            preferences: {}
            clusters:
              - name: one
                cluster: {server: "https://127.0.0.1:6443", certificate-authority: pki/ca.crt}
              - name: two
                cluster: {server: "http://127.0.0.1:8080", insecure-skip-tls-verify: true}
            users:
              - name: admin
                user: {token: a-token}
            contexts:
              - name: first
                context: {cluster: two, user: admin}
              - name: second
                context: {cluster: one, user: admin, namespace: openstack}
            """);

        var ours = KubeconfigDocument.Load(path);
        var clients = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal(clients.Host, ours.Host);
        Assert.Equal("https://127.0.0.1:6443", ours.Host);
        Assert.Equal(clients.Namespace, ours.Namespace);
        Assert.Equal(clients.AccessToken, ours.AccessToken);
        Assert.Equal(clients.CurrentContext, ours.CurrentContext);
        Assert.Equal(clients.SkipTlsVerify, ours.SkipTlsVerify);
        Assert.Equal(certificate.Thumbprint, Assert.Single(ours.SslCaCerts!).Thumbprint);
        Assert.Equal(clients.SslCaCerts!.Select(c => c.Thumbprint), ours.SslCaCerts!.Select(c => c.Thumbprint));
    }

    [Fact]
    public void An_empty_file_is_no_kubeconfig()
    {
        var path = Path.Combine(directory, "empty");
        File.WriteAllText(path, "");

        var error = Assert.Throws<k8s.Exceptions.KubeConfigException>(() => KubeconfigDocument.Load(path));

        Assert.Contains("not a kubeconfig", error.Message);
    }
}
