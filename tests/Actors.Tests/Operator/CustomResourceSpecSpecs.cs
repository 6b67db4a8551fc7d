using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Operator;

public sealed class CustomResourceSpecSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static OpenStackDeploymentResource Resource(JsonNode? spec, long generation = 3, string? paused = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "cloud", NamespaceProperty = TestSpecs.Namespace, Uid = "uid-1", Generation = generation,
            Annotations = paused is null ? null : new Dictionary<string, string> { [OpenStackDeploymentResource.PausedAnnotation] = paused },
        },
        Spec = spec,
    };

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_spec_written_as_the_custom_resource_reads_back_as_the_same_deployment_with_its_uid()
    {
        var artifacts = Path.GetTempPath();
        foreach (var deployment in new[] { TestSpecs.ApiAndPinned(), TestSpecs.WithHostDatabase(artifacts) })
        {
            var read = CustomResourceSpec.Read(Resource(CustomResourceSpec.ToResource(deployment).Spec), T0);

            Assert.Empty(read.Errors);
            Assert.Equal(JsonSerializer.Serialize(deployment.Spec), JsonSerializer.Serialize(read.Deployment!.Spec));
            Assert.Equal("uid-1", read.Deployment.Metadata.Uid);
            Assert.Equal(new DeploymentKey(TestSpecs.Namespace, "cloud"), read.Key);
            Assert.Equal(3, read.Generation);
        }
    }

    [Fact]
    public void An_invalid_spec_gives_the_validators_own_path_and_reason_for_every_error()
    {
        var spec = CustomResourceSpec.ToJson(TestSpecs.ApiAndPinned().Spec);
        spec["services"]![1]!["port"] = 70000;
        spec["services"]![2]!["dependsOn"] = new JsonArray("nova");

        var read = CustomResourceSpec.Read(Resource(spec), T0);

        Assert.Null(read.Deployment);
        Assert.Contains(read.Errors, e => e.StartsWith("spec.services[1].port: ", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.StartsWith("spec.services[2].dependsOn[0]: ", StringComparison.Ordinal));
        Assert.All(read.Errors, e => Assert.DoesNotContain("(line", e));
    }

    [Fact]
    public void The_pause_annotation_is_read_as_true_only_when_it_says_true()
    {
        var spec = CustomResourceSpec.ToJson(TestSpecs.ApiAndPinned().Spec);

        Assert.True(CustomResourceSpec.Read(Resource(spec, paused: "true"), T0).Paused);
        Assert.False(CustomResourceSpec.Read(Resource(spec, paused: "no"), T0).Paused);
        Assert.False(CustomResourceSpec.Read(Resource(spec), T0).Paused);
    }

    [Fact]
    public void Only_a_new_generation_pause_or_deletion_is_new_work_never_a_status_change()
    {
        var spec = CustomResourceSpec.ToJson(TestSpecs.ApiAndPinned().Spec);
        var seen = CustomResourceSpec.Read(Resource(spec), T0);

        var statusWritten = seen with { ObservedStatus = new DeploymentResourceStatus(3, [], "3/3", "2/2"), At = T0.AddSeconds(5) };

        Assert.True(statusWritten.SameWorkAs(seen));
        Assert.False((seen with { Generation = 4 }).SameWorkAs(seen));
        Assert.False((seen with { Paused = true }).SameWorkAs(seen));
        Assert.False((seen with { Deleting = true }).SameWorkAs(seen));
        Assert.False(seen.SameWorkAs(null));
    }
}
