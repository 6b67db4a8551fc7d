using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.HostUnits;
using static Orchestrator.Actors.Tests.Kubernetes.SimulatedClusterHarness;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class KubernetesAdapterNodeAndStatusSpecs : IAsyncLifetime
{
    private SimulatedClusterHarness harness = null!;

    public async Task InitializeAsync() => harness = await StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task Node_labels_are_patched_only_when_they_differ()
    {
        var adapter = harness.Adapter();
        var node = harness.Cluster.NodeNames[0];

        var set = await adapter.LabelNodeAsync(node, new Dictionary<string, string?> { ["openstack-compute"] = "true" }, CancellationToken.None);
        var again = await adapter.LabelNodeAsync(node, new Dictionary<string, string?> { ["openstack-compute"] = "true" }, CancellationToken.None);
        var removed = await adapter.LabelNodeAsync(node, new Dictionary<string, string?> { ["openstack-compute"] = null }, CancellationToken.None);

        Assert.Equal([ApplyOutcome.Updated, ApplyOutcome.Unchanged, ApplyOutcome.Updated], [set.Outcome, again.Outcome, removed.Outcome]);
        Assert.Equal(2, adapter.Writes.Patches);
        Assert.Equal(2, harness.Cluster.Counters.Requests("patch", "nodes"));
        var stored = await harness.Other.CoreV1.ReadNodeAsync(node);
        Assert.False(stored.Metadata.Labels.ContainsKey("openstack-compute"));
        Assert.Contains("kubernetes.io/hostname", stored.Metadata.Labels.Keys);
    }

    [Fact]
    public async Task Labelling_a_node_that_does_not_exist_fails_naming_it()
    {
        var adapter = harness.Adapter();

        var failure = await Assert.ThrowsAsync<Orchestrator.Adapters.Kubernetes.KubernetesApiException>(() =>
            adapter.LabelNodeAsync("no-such-node", new Dictionary<string, string?> { ["a"] = "b" }, CancellationToken.None));

        Assert.Contains("no-such-node", failure.Message);
    }

    [Fact]
    public async Task Status_is_written_through_the_status_subresource_leaving_the_spec_alone()
    {
        var adapter = harness.Adapter();
        await InstallHostUnitsDefinitionAsync(adapter);
        await adapter.ApplyAsync(HostUnits("spec-hash"), CancellationToken.None);
        var observed = (await adapter.GetAsync<HostUnitsResource>(null, "node-1", CancellationToken.None))!;

        observed.Status = new HostUnitsStatus([new HostUnitStatus("nova-compute", true, true, false, 0, "spec-hash", null)], DateTimeOffset.UnixEpoch);
        observed.Spec = new HostUnitsSpec("node-1", []);
        await adapter.UpdateStatusAsync(observed, CancellationToken.None);

        var stored = (await adapter.GetAsync<HostUnitsResource>(null, "node-1", CancellationToken.None))!;
        Assert.True(stored.Status!.Units.Single().Active);
        Assert.Single(stored.Spec.Units);
        Assert.Equal(1, harness.Cluster.Counters.Requests("update", "hostunits.openstack.orchestrator.io/status"));
    }

    [Fact]
    public async Task A_status_write_from_a_stale_read_is_put_on_the_current_object()
    {
        var adapter = harness.Adapter();
        await InstallHostUnitsDefinitionAsync(adapter);
        await adapter.ApplyAsync(HostUnits("h1"), CancellationToken.None);
        var stale = (await adapter.GetAsync<HostUnitsResource>(null, "node-1", CancellationToken.None))!;
        // Another writer changes the object after our read, so our resourceVersion is out of date.
        await harness.Other.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch),
            HostUnitsResource.Group, HostUnitsResource.Version, HostUnitsResource.Plural, "node-1");

        stale.Status = new HostUnitsStatus([new HostUnitStatus("nova-compute", true, false, true, 3, "h1", "exit 1")], DateTimeOffset.UnixEpoch);
        await adapter.UpdateStatusAsync(stale, CancellationToken.None);

        var stored = (await adapter.GetAsync<HostUnitsResource>(null, "node-1", CancellationToken.None))!;
        Assert.Equal(3, stored.Status!.Units.Single().Restarts);
        Assert.Equal("yes", stored.Metadata.Labels["touched"]);
        Assert.Equal(1, harness.Cluster.Counters.Answered("update", 409, "hostunits.openstack.orchestrator.io/status"));
    }

    [Fact]
    public async Task A_status_write_after_a_newer_spec_leaves_that_spec_in_place()
    {
        var adapter = harness.Adapter();
        await InstallHostUnitsDefinitionAsync(adapter);
        await adapter.ApplyAsync(HostUnits("h1"), CancellationToken.None);
        var stale = (await adapter.GetAsync<HostUnitsResource>(null, "node-1", CancellationToken.None))!;
        Assert.Equal(ApplyOutcome.Updated, (await adapter.ApplyAsync(HostUnits("h2"), CancellationToken.None)).Outcome);

        stale.Status = new HostUnitsStatus([new HostUnitStatus("nova-compute", true, true, false, 0, "h1", null)], DateTimeOffset.UnixEpoch);
        await adapter.UpdateStatusAsync(stale, CancellationToken.None);

        var stored = (await adapter.GetAsync<HostUnitsResource>(null, "node-1", CancellationToken.None))!;
        Assert.Equal("h1", stored.Status!.Units.Single().ObservedHash);
        Assert.Equal("h2", stored.Spec.Units.Single().Hash);
        Assert.Equal("h2", stored.Metadata.Annotations[WellKnown.DesiredHashAnnotation]);
    }

    [Fact]
    public async Task A_status_write_for_an_object_that_does_not_exist_fails_as_not_found()
    {
        var adapter = harness.Adapter();
        await InstallHostUnitsDefinitionAsync(adapter);
        var absent = HostUnits("h1");
        absent.Status = new HostUnitsStatus([], DateTimeOffset.UnixEpoch);

        var failure = await Assert.ThrowsAsync<Orchestrator.Adapters.Kubernetes.KubernetesApiException>(() =>
            adapter.UpdateStatusAsync(absent, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, failure.StatusCode);
        Assert.Equal(0, adapter.Writes.Updates);
    }

    private static HostUnitsResource HostUnits(string hash) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "node-1",
            Annotations = new Dictionary<string, string> { [WellKnown.DesiredHashAnnotation] = hash },
        },
        Spec = new HostUnitsSpec("node-1",
            [new HostUnitSpec("nova-compute", "openstack", "/opt/nova", "nova-compute.service", "nova-conf", "nova-secret", false, [], hash)]),
    };

    /// <summary>Registers the HostUnits CRD (cluster-scoped, with a status subresource) and waits until it is served.</summary>
    private static async Task InstallHostUnitsDefinitionAsync(Orchestrator.Actors.Ports.IKubernetes adapter)
    {
        var definition = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"{HostUnitsResource.Plural}.{HostUnitsResource.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = HostUnitsResource.Group,
                Scope = "Cluster",
                Names = new V1CustomResourceDefinitionNames { Plural = HostUnitsResource.Plural, Singular = "hostunits", Kind = HostUnitsResource.KindName },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = HostUnitsResource.Version,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true },
                        },
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                    },
                ],
            },
        };
        Assert.Equal(ApplyOutcome.Created, (await adapter.ApplyAsync(definition, CancellationToken.None)).Outcome);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await adapter.ListAsync<HostUnitsResource>(null, null, CancellationToken.None);
                return;
            }
            catch (Orchestrator.Adapters.Kubernetes.KubernetesApiException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
