using System.Text.Json;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Operator;
using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Operator;

/// <summary>
/// The operator's whole actor system against the simulated cluster over real HTTP: OpenStackDeployment objects are
/// written as `apply -f` or kubectl writes them, and what the operator makes of them is read from the cluster.
/// </summary>
public sealed class OperatorSpecs
{
    /// <summary>How long a status is awaited: generous, for a loaded machine; a passing spec never waits for it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static OpenStackDeployment InRegion(string @namespace, params string[] nodes)
    {
        var deployment = TestSpecs.ApiAndPinned();
        return deployment with
        {
            Metadata = deployment.Metadata with { Namespace = @namespace },
            Spec = deployment.Spec with { Nodes = nodes.Select(n => new NodeSpec(n, [NodeRoles.Controller])).ToList() },
        };
    }

    private static async Task<JsonElement> ObjectAsync(ConvergenceHarness harness, string @namespace)
    {
        var client = harness.Cluster.CreateClient();
        var found = await client.CustomObjects.GetNamespacedCustomObjectAsync(OpenStackDeployment.Group, OpenStackDeployment.Version, @namespace,
            OpenStackDeploymentDefinition.Plural, "cloud");
        return JsonSerializer.SerializeToElement(found);
    }

    /// <summary>The object once its Ready condition has the reason wanted (the status is written after the coordinator decides it).</summary>
    private static Task<JsonElement> ObjectWhenAsync(ConvergenceHarness harness, string @namespace, string readyReason,
        Func<JsonElement, bool>? also = null) =>
        Eventually.Get(() => ObjectAsync(harness, @namespace),
            @object => @object.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out _)
                && Condition(@object, "Ready").GetProperty("reason").GetString() == readyReason && (also is null || also(@object)),
            $"{@namespace}/cloud with Ready reason {readyReason}{(also is null ? "" : " (and more)")}", Bound);

    private static JsonElement Condition(JsonElement @object, string type) =>
        @object.GetProperty("status").GetProperty("conditions").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type);

    [Fact]
    public async Task A_deployment_paused_across_a_restart_is_still_observed_and_reported_and_nothing_of_it_is_written()
    {
        var deployment = InRegion("region-a", "node-1");
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        await ObjectWhenAsync(harness, "region-a", "Ready");
        var client = harness.Cluster.CreateClient();
        var pause = new V1Patch("""{"metadata":{"annotations":{"openstack.orchestrator.io/paused":"true"}}}""", V1Patch.PatchType.MergePatch);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(pause, OpenStackDeployment.Group, OpenStackDeployment.Version, "region-a",
            OpenStackDeploymentDefinition.Plural, "cloud");
        await ConditionWhenAsync(harness, "region-a", "Paused", "True");
        await harness.StopSystemAsync();
        var writes = harness.ObjectWrites();

        await harness.StartSystemAsync();
        // A new coordinator knows nothing of its parts' reports until they answer: paused, it must still ask them.
        var @object = await ObjectWhenAsync(harness, "region-a", "Ready", o => o.GetProperty("status").GetProperty("readyServices").GetString() == "3/3");

        Assert.Equal("3/3", @object.GetProperty("status").GetProperty("readyServices").GetString());
        Assert.Equal("True", Condition(@object, "Paused").GetProperty("status").GetString());
        Assert.Equal(writes, harness.ObjectWrites());
    }

    private static Task ConditionWhenAsync(ConvergenceHarness harness, string @namespace, string type, string status) =>
        Eventually.Get(() => ObjectAsync(harness, @namespace),
            @object => @object.TryGetProperty("status", out var s) && s.TryGetProperty("conditions", out var conditions)
                && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == type && c.GetProperty("status").GetString() == status),
            $"{@namespace}/cloud with {type}={status}", Bound);

    [Fact]
    public async Task Two_deployments_in_two_namespaces_converge_side_by_side_each_with_its_own_status_and_entities()
    {
        var regionA = InRegion("region-a", "node-1");
        var regionB = InRegion("region-b", "node-2");
        await using var harness = await ConvergenceHarness.StartAsync(regionA, "node-2");
        await harness.StartSystemAsync();

        var generationA = await harness.WriteAsync(regionA);
        var generationB = await harness.WriteAsync(regionB);
        var a = await harness.UntilSettledAsync(regionA, generationA);
        var b = await harness.UntilSettledAsync(regionB, generationB);
        var objectA = await ObjectWhenAsync(harness, "region-a", "Ready");
        var objectB = await ObjectWhenAsync(harness, "region-b", "Ready");
        await harness.StopSystemAsync();
        var journal = await harness.ReadJournalAsync();

        Assert.Equal(DeploymentStatus.Ready, a.Status);
        Assert.Equal(DeploymentStatus.Ready, b.Status);
        foreach (var (@object, generation) in new[] { (objectA, generationA), (objectB, generationB) })
        {
            Assert.Equal("True", Condition(@object, "Ready").GetProperty("status").GetString());
            Assert.Equal(generation, @object.GetProperty("status").GetProperty("observedGeneration").GetInt64());
            Assert.Equal("3/3", @object.GetProperty("status").GetProperty("readyServices").GetString());
        }
        Assert.Contains(journal, e => e.PersistenceId == "service/region-a/cloud/keystone");
        Assert.Contains(journal, e => e.PersistenceId == "service/region-b/cloud/keystone");
        Assert.Contains(journal, e => e.PersistenceId == "deployment/region-b/cloud");
    }

    [Fact]
    public async Task A_node_named_by_a_second_deployment_is_refused_with_a_condition_naming_the_first()
    {
        var regionA = InRegion("region-a", "node-1");
        var regionB = InRegion("region-b", "node-1", "node-2");
        await using var harness = await ConvergenceHarness.StartAsync(regionA, "node-2");
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(regionA)).Status);

        var b = await harness.UntilSettledAsync(regionB, await harness.WriteAsync(regionB), degradedToo: true);
        var objectB = await ObjectWhenAsync(harness, "region-b", "NodeClaimed");
        var node = await harness.Cluster.CreateClient().CoreV1.ReadNodeAsync("node-1");

        Assert.Equal(DeploymentStatus.Degraded, b.Status);
        var ready = Condition(objectB, "Ready");
        Assert.Equal(("False", "NodeClaimed"), (ready.GetProperty("status").GetString(), ready.GetProperty("reason").GetString()));
        Assert.Contains("claimed by deployment region-a/cloud", ready.GetProperty("message").GetString());
        Assert.Equal("region-a/cloud", node.Metadata.Annotations[NodeClaim.Annotation]);
    }

    [Fact]
    public async Task An_invalid_object_is_Ready_False_InvalidSpec_with_every_error_and_nothing_is_applied()
    {
        var valid = InRegion("region-c", "node-1");
        await using var harness = await ConvergenceHarness.StartAsync(valid);
        await harness.StartSystemAsync();
        var spec = CustomResourceSpec.ToJson(valid.Spec);
        spec["services"]![1]!["port"] = 70000;
        spec["services"]![2]!["dependsOn"] = new System.Text.Json.Nodes.JsonArray("nova");
        await harness.Adapter.ApplyAsync(OpenStackDeploymentDefinition.Create(), CancellationToken.None);
        await harness.Adapter.ApplyAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = "region-c" } }, CancellationToken.None);
        await harness.Adapter.ApplyAsync(new OpenStackDeploymentResource
        {
            Metadata = new k8s.Models.V1ObjectMeta { Name = "cloud", NamespaceProperty = "region-c" },
            Spec = spec,
        }, CancellationToken.None);

        var (reason, message) = await Eventually.Get(async () =>
        {
            var @object = await ObjectAsync(harness, "region-c");
            return @object.TryGetProperty("status", out _)
                ? (Reason: Condition(@object, "Ready").GetProperty("reason").GetString()!, Message: Condition(@object, "Ready").GetProperty("message").GetString()!)
                : (Reason: "", Message: "");
        }, seen => seen.Reason == "InvalidSpec", "region-c/cloud with Ready reason InvalidSpec", Bound);
        var configMaps = await harness.Cluster.CreateClient().CoreV1.ListNamespacedConfigMapAsync("region-c");

        Assert.Equal("InvalidSpec", reason);
        Assert.Contains("spec.services[1].port: ", message);
        Assert.Contains("spec.services[2].dependsOn[0]: ", message);
        Assert.DoesNotContain(configMaps.Items, c => c.Metadata.Name != "kube-root-ca.crt");
    }
}
