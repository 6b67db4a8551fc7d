using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Orchestrator.Actors.Rendering;
using Orchestrator.Cli;

namespace Orchestrator.Rendering.Tests;

public sealed class TlsSpecs : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("render-tls-");

    [Fact]
    public void Generated_certificate_is_a_wildcard_for_the_domain_with_both_names()
    {
        var tls = WildcardCertificate.Create("cloud.example.com", ExampleDeployment.Now);
        using var certificate = X509Certificate2.CreateFromPem(tls.CertificatePem, tls.PrivateKeyPem);

        Assert.True(certificate.HasPrivateKey);
        Assert.Equal(new HashSet<string> { "*.cloud.example.com", "cloud.example.com" }, TlsMaterial.DnsNames(certificate));
        Assert.Equal("CN=*.cloud.example.com", certificate.Subject);
        Assert.True(tls.Serves("cloud.example.com", ExampleDeployment.Now));
        Assert.False(tls.Serves("other.example.com", ExampleDeployment.Now));
        Assert.False(tls.Serves("cloud.example.com", ExampleDeployment.Now + WildcardCertificate.Validity));
    }

    [Fact]
    public void Existing_material_is_rendered_unchanged_into_a_tls_secret()
    {
        var tls = ExampleDeployment.GoldenTls();
        var rendered = ExampleDeployment.Render();

        Assert.Equal(tls, rendered.Tls);
        var secret = rendered.Objects.OfType<V1Secret>().Single(s => s.Metadata.Name == "tls-ingress");
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal(tls, TlsMaterial.FromSecretData(secret.Data));
    }

    [Fact]
    public void Material_for_another_domain_is_replaced_by_a_new_certificate()
    {
        var deployment = ExampleDeployment.Load();
        var moved = deployment with { Spec = deployment.Spec with { Domain = "elsewhere.example.org" } };

        var rendered = DesiredStateRenderer.Render(moved, ExampleDeployment.GoldenTls(), ExampleDeployment.Clock);

        Assert.NotEqual(ExampleDeployment.GoldenTls(), rendered.Tls);
        Assert.True(rendered.Tls!.Serves("elsewhere.example.org", ExampleDeployment.Now));
    }

    [Fact]
    public void A_user_provided_secret_is_referenced_but_never_rendered()
    {
        var deployment = ExampleDeployment.Load();
        var own = deployment with { Spec = deployment.Spec with { Tls = new Messages.Spec.TlsSpec("my-certificate", Generate: false) } };

        var rendered = DesiredStateRenderer.Render(own, null, ExampleDeployment.Clock);

        Assert.Null(rendered.Tls);
        Assert.DoesNotContain(rendered.Objects, o => o.Metadata.Name == "my-certificate");
        Assert.All(rendered.Objects.OfType<V1Ingress>(), i => Assert.Equal("my-certificate", i.Spec.Tls[0].SecretName));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void State_directory_reads_back_what_it_stored_in_an_owner_only_file()
    {
        var store = new TlsStateDirectory(_state);
        var tls = WildcardCertificate.Create("cloud.example.com", ExampleDeployment.Now);

        store.Write("openstack", "tls-ingress", tls);

        Assert.Equal(tls, store.Read("openstack", "tls-ingress"));
        var path = store.PathOf("openstack", "tls-ingress");
        Assert.Equal(Path.Combine(_state.FullName, "tls", "openstack", "tls-ingress.pem"), path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Null(store.Read("openstack", "another"));
    }

    [Fact]
    public void Render_keeps_the_same_key_from_one_run_to_the_next()
    {
        string RenderTls()
        {
            var output = new StringWriter();
            var code = RenderCommand.Run(new FileInfo(ExampleDeployment.SpecPath), "yaml", _state, output, new StringWriter());
            Assert.Equal(0, code);
            return output.ToString();
        }

        var first = RenderTls();
        var second = RenderTls();

        Assert.Equal(first, second);
        var stored = new TlsStateDirectory(_state).Read("openstack", "tls-ingress")!;
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(stored.PrivateKeyPem)), first);
    }

    public void Dispose() => _state.Delete(recursive: true);
}
