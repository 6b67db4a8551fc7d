using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Cli;

namespace Orchestrator.Rendering.Tests;

public sealed class RenderCommandSpecs : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("render-command-");

    [Fact]
    public void An_invalid_spec_prints_its_errors_on_stderr_and_exits_2()
    {
        var spec = Path.Combine(_work.FullName, "broken.yaml");
        File.WriteAllText(spec, "apiVersion: openstack.orchestrator.io/v1alpha1\nkind: OpenStackDeployment\nspec:\n  domian: typo.example.com\n");
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = RenderCommand.Run(new FileInfo(spec), "yaml", _work, output, errors);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output.ToString());
        Assert.Contains("domian", errors.ToString());
    }

    [Fact]
    public void A_missing_file_is_bad_input()
    {
        var errors = new StringWriter();
        var code = RenderCommand.Run(new FileInfo(Path.Combine(_work.FullName, "absent.yaml")), "yaml", _work, new StringWriter(), errors);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("absent.yaml", errors.ToString());
    }

    [Fact]
    public void Json_output_is_a_v1_list_of_every_object()
    {
        var output = new StringWriter();
        Assert.Equal(0, RenderCommand.Run(new FileInfo(ExampleDeployment.SpecPath), "json", _work, output, new StringWriter()));

        var list = JsonNode.Parse(output.ToString())!.AsObject();
        Assert.Equal("v1", (string?)list["apiVersion"]);
        Assert.Equal("List", (string?)list["kind"]);
        Assert.Equal(ExampleDeployment.Render().Objects.Count, list["items"]!.AsArray().Count);
    }

    [Fact]
    public void Yaml_output_reads_back_into_the_same_typed_objects()
    {
        var output = new StringWriter();
        Assert.Equal(0, RenderCommand.Run(new FileInfo(ExampleDeployment.SpecPath), "yaml", _work, output, new StringWriter()));

        // HostUnits specs are positional records, which YamlDotNet cannot construct; the API speaks JSON, so here a
        // plain map is enough to see that the document is there and well formed.
        var typeMap = new Dictionary<string, Type> { [HostUnitsResource.Group + "/" + HostUnitsResource.Version + "/" + HostUnitsResource.KindName] = typeof(Dictionary<object, object>) };
        var objects = KubernetesYaml.LoadAllFromString(output.ToString(), typeMap, strict: true);

        Assert.Equal(ExampleDeployment.Render().Objects.Count, objects.Count);
        var secret = objects.OfType<V1Secret>().Single(s => s.Metadata.Name == "keystone-secrets");
        Assert.Equal(ExampleDeployment.Load().Spec.Services.Single(s => s.Name == "keystone").Secrets["admin-password"],
            System.Text.Encoding.UTF8.GetString(secret.Data["admin-password"]));
        Assert.Equal(7, objects.OfType<Dictionary<object, object>>().Count(d => (string)d["kind"] == HostUnitsResource.KindName));
    }

    [Fact]
    public void Kubectl_reads_every_document_of_the_yaml_stream()
    {
        var file = Path.Combine(_work.FullName, "rendered.yaml");
        var output = new StringWriter();
        Assert.Equal(0, RenderCommand.Run(new FileInfo(ExampleDeployment.SpecPath), "yaml", _work, output, new StringWriter()));
        File.WriteAllText(file, output.ToString());

        // `--local` parses and decodes every document as kubectl apply would, without an API server to ask.
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "label", "--local", "-f", file, "rendered-check=yes", "-o", "name" })
            start.ArgumentList.Add(argument);
        using var kubectl = Process.Start(start)!;
        var names = kubectl.StandardOutput.ReadToEnd();
        var errors = kubectl.StandardError.ReadToEnd();
        Assert.True(kubectl.WaitForExit(TimeSpan.FromSeconds(60)), "kubectl did not finish");

        Assert.True(kubectl.ExitCode == 0, errors);
        var expected = ExampleDeployment.Render().Objects.Count;
        Assert.Equal(expected, names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("hostunits.openstack.orchestrator.io/cmp-1", names);
        Assert.Contains("secret/tls-ingress", names);
    }

    public void Dispose() => _work.Delete(recursive: true);
}
