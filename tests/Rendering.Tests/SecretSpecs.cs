using System.Text;
using k8s.Models;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Rendering.Tests;

public class SecretSpecs
{
    [Fact]
    public void No_line_of_a_secret_file_appears_in_the_output_in_clear()
    {
        var deployment = ExampleDeployment.Load();
        var rendered = ExampleDeployment.Render(deployment);
        var outputs = new[] { RenderedOutput.ToYaml(rendered.Objects), RenderedOutput.ToJsonList(rendered.Objects), rendered.ToString() };

        // Lines that also occur in a config file ("[DEFAULT]") are not secret; every other line of a secret file is.
        var configLines = deployment.Spec.Services.SelectMany(s => s.Config.Values).SelectMany(Lines).ToHashSet();
        var secretLines = deployment.Spec.Services.SelectMany(s => s.Secrets.Values).SelectMany(Lines)
            .Where(line => !configLines.Contains(line)).Distinct().ToList();

        Assert.NotEmpty(secretLines);
        foreach (var line in secretLines)
            Assert.All(outputs, output => Assert.DoesNotContain(line, output));
    }

    [Fact]
    public void Secret_files_are_the_base64_data_of_the_service_secret_and_nowhere_else()
    {
        var marker = "planted-secret-" + Guid.NewGuid().ToString("N");
        var deployment = ExampleDeployment.Load();
        var services = deployment.Spec.Services
            .Select(s => s with { Secrets = new SortedDictionary<string, string>(s.Secrets.ToDictionary(), StringComparer.Ordinal) { ["planted"] = marker + "-" + s.Name } })
            .ToList();
        var rendered = ExampleDeployment.Render(deployment with { Spec = deployment.Spec with { Services = services } });

        var yaml = RenderedOutput.ToYaml(rendered.Objects);
        var json = RenderedOutput.ToJsonList(rendered.Objects);
        Assert.DoesNotContain(marker, yaml);
        Assert.DoesNotContain(marker, json);
        foreach (var service in services)
        {
            var secret = rendered.ObjectsOf(service.Name).OfType<V1Secret>().Single();
            Assert.Equal(marker + "-" + service.Name, Encoding.UTF8.GetString(secret.Data["planted"]));
            Assert.Contains(Convert.ToBase64String(secret.Data["planted"]), yaml);
        }
        Assert.All(rendered.NodeHostUnits.Values, h => Assert.DoesNotContain(marker, k8s.KubernetesJson.Serialize(h)));
    }

    [Fact]
    public void Tls_material_never_prints_its_key()
    {
        var tls = ExampleDeployment.GoldenTls();
        Assert.DoesNotContain("PRIVATE KEY", tls.ToString());
        Assert.DoesNotContain("PRIVATE KEY", ExampleDeployment.Render().ToString());
    }

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    [Fact]
    public void Hashes_of_secret_content_are_keyed_so_another_key_gives_other_hashes_and_no_plain_digest_is_rendered()
    {
        var deployment = ExampleDeployment.Load();
        var golden = ExampleDeployment.Render(deployment);
        var other = DesiredStateRenderer.Render(deployment, ExampleDeployment.GoldenTls(), ExampleDeployment.Clock, HashKey.Generate());
        var withSecrets = deployment.Spec.Services.Where(s => s.Secrets.Count > 0).ToList();
        Assert.NotEmpty(withSecrets);

        var nonSecretObjects = RenderedOutput.ToJsonList(golden.Objects.Where(o => o is not V1Secret).ToList());
        foreach (var service in withSecrets)
        {
            Assert.NotEqual(golden.ConfigHashOf(service.Name), other.ConfigHashOf(service.Name));
            var plainSecretHash = ContentHash.OfFiles(service.Secrets);
            Assert.DoesNotContain(plainSecretHash, nonSecretObjects);
            Assert.DoesNotContain(HostUnitHash.OfFiles(HostUnitHash.OfConfig(service.Config), plainSecretHash), nonSecretObjects);
            foreach (var (name, value) in service.Secrets)
            {
                var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value)));
                Assert.NotEqual(sha, golden.FileHashesOf(service.Name)["secret " + name]);
                Assert.Equal(ExampleDeployment.GoldenKey.Of(value), golden.FileHashesOf(service.Name)["secret " + name]);
            }
        }
        // The key itself is in its Secret, and nowhere else.
        var keySecret = golden.SharedObjects.OfType<V1Secret>().Single(s => s.Metadata.Name == ResourceNames.HashKeySecret);
        Assert.Equal(ExampleDeployment.GoldenKey, HashKey.FromSecretData(keySecret.Data));
        Assert.DoesNotContain(Convert.ToBase64String(ExampleDeployment.GoldenKey.ToBytes()), nonSecretObjects);
    }
}
