using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Rendering;

namespace Orchestrator.Rendering.Tests;

/// <summary>
/// The example's rendering and the CRD manifests, compared with files in the repository. After an intended
/// change, `UPDATE_GOLDEN=1 dotnet test tests/Rendering.Tests` rewrites them; review the diff before committing.
/// </summary>
public class GoldenFileSpecs
{
    [Fact]
    public void Example_renders_as_the_golden_yaml()
    {
        var yaml = RenderedOutput.ToYaml(ExampleDeployment.Render().Objects);
        AssertMatchesFile(Path.Combine(ExampleDeployment.GoldenDirectory, "openstack.rendered.yaml"), yaml);
    }

    [Fact]
    public void Example_renders_as_the_golden_json_list()
    {
        var json = RenderedOutput.ToJsonList(ExampleDeployment.Render().Objects);
        AssertMatchesFile(Path.Combine(ExampleDeployment.GoldenDirectory, "openstack.rendered.json"), json);
    }

    [Fact]
    public void HostUnits_crd_manifest_is_what_the_code_defines()
    {
        var crd = HostUnitsDefinition.Create();
        AssertMatchesFile(Path.Combine(ExampleDeployment.RepositoryRoot, "deploy", "crds", crd.Metadata.Name + ".yaml"), RenderedOutput.ToYaml([crd]));
    }

    [Fact]
    public void OpenStackDeployment_crd_manifest_is_what_the_code_defines()
    {
        var crd = OpenStackDeploymentDefinition.Create();
        AssertMatchesFile(Path.Combine(ExampleDeployment.RepositoryRoot, "deploy", "crds", crd.Metadata.Name + ".yaml"), RenderedOutput.ToYaml([crd]));
    }

    private static void AssertMatchesFile(string path, string actual)
    {
        if (ExampleDeployment.UpdateGolden)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"{path} is missing; run with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected == actual)
            return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length))
            .FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
        Assert.Fail($"{path} differs at line {first + 1}:\n expected: {expectedLines.ElementAtOrDefault(first)}\n actual:   {actualLines.ElementAtOrDefault(first)}\n(UPDATE_GOLDEN=1 rewrites it after an intended change)");
    }
}
