using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>The orchestrator's own kinds, served once their CustomResourceDefinitions are registered.</summary>
public sealed class CustomResourceSpecs : ClusterSpecs
{
    private const string Group = "openstack.orchestrator.io";
    private const string Version = "v1alpha1";

    private IKubernetes Client => Cluster.CreateClient();

    private async Task Register(string manifest)
    {
        var crd = k8s.KubernetesYaml.Deserialize<V1CustomResourceDefinition>(manifest);
        var created = await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        Assert.Contains(created.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
    }

    private static JsonObject HostUnits(string node) => new()
    {
        ["apiVersion"] = $"{Group}/{Version}",
        ["kind"] = "HostUnits",
        ["metadata"] = new JsonObject { ["name"] = node },
        ["spec"] = new JsonObject { ["units"] = new JsonArray(new JsonObject { ["name"] = "nova-compute", ["hash"] = "abc" }) },
    };

    private static JsonElement Json(object o) => JsonSerializer.SerializeToElement(o);

    [Fact]
    public async Task A_cluster_scoped_custom_resource_is_created_read_listed_and_deleted()
    {
        await Register(Manifests.HostUnitsCrd);

        var created = Json(await Client.CustomObjects.CreateClusterCustomObjectAsync(HostUnits("node-1"), Group, Version, "hostunits"));
        var read = Json(await Client.CustomObjects.GetClusterCustomObjectAsync(Group, Version, "hostunits", "node-1"));
        var listed = Json(await Client.CustomObjects.ListClusterCustomObjectAsync(Group, Version, "hostunits"));
        await Client.CustomObjects.DeleteClusterCustomObjectAsync(Group, Version, "hostunits", "node-1");
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.GetClusterCustomObjectAsync(Group, Version, "hostunits", "node-1"));

        Assert.Equal(1, created.GetProperty("metadata").GetProperty("generation").GetInt64());
        Assert.Equal("nova-compute", read.GetProperty("spec").GetProperty("units")[0].GetProperty("name").GetString());
        Assert.Equal("HostUnitsList", listed.GetProperty("kind").GetString());
        Assert.Equal(1, listed.GetProperty("items").GetArrayLength());
        Assert.Equal(404, (int)gone.Response.StatusCode);
    }

    [Fact]
    public async Task The_status_of_a_custom_resource_is_written_through_its_status_subresource_without_moving_generation()
    {
        await Register(Manifests.HostUnitsCrd);
        await Client.CustomObjects.CreateClusterCustomObjectAsync(HostUnits("node-2"), Group, Version, "hostunits");

        var status = new V1Patch("""{"status":{"units":{"nova-compute":"active"}}}""", V1Patch.PatchType.MergePatch);
        var written = Json(await Client.CustomObjects.PatchClusterCustomObjectStatusAsync(status, Group, Version, "hostunits", "node-2"));
        var ignored = Json(await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"status":{"units":{"nova-compute":"failed"}}}""", V1Patch.PatchType.MergePatch), Group, Version, "hostunits", "node-2"));
        var changed = Json(await Client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("""{"spec":{"units":[]}}""", V1Patch.PatchType.MergePatch), Group, Version, "hostunits", "node-2"));

        Assert.Equal("active", written.GetProperty("status").GetProperty("units").GetProperty("nova-compute").GetString());
        Assert.Equal(1, written.GetProperty("metadata").GetProperty("generation").GetInt64());
        Assert.Equal("active", ignored.GetProperty("status").GetProperty("units").GetProperty("nova-compute").GetString());
        Assert.Equal(2, changed.GetProperty("metadata").GetProperty("generation").GetInt64());
    }

    [Fact]
    public async Task A_namespaced_custom_resource_lives_in_its_namespace()
    {
        await Register(Manifests.OpenStackDeploymentCrd);
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "openstack" } });
        var body = new JsonObject
        {
            ["apiVersion"] = $"{Group}/{Version}",
            ["kind"] = "OpenStackDeployment",
            ["metadata"] = new JsonObject { ["name"] = "cloud" },
            ["spec"] = new JsonObject { ["domain"] = "cloud.example.com" },
        };

        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, Group, Version, "openstack", "openstackdeployments");
        var elsewhere = Json(await Client.CustomObjects.ListNamespacedCustomObjectAsync(Group, Version, "default", "openstackdeployments"));
        var here = Json(await Client.CustomObjects.GetNamespacedCustomObjectAsync(Group, Version, "openstack", "openstackdeployments", "cloud"));

        Assert.Equal(0, elsewhere.GetProperty("items").GetArrayLength());
        Assert.Equal("openstack", here.GetProperty("metadata").GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task Custom_resources_are_unknown_before_registration_and_after_their_definition_is_deleted()
    {
        var before = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.ListClusterCustomObjectAsync(Group, Version, "hostunits"));
        await Register(Manifests.HostUnitsCrd);
        await Client.CustomObjects.CreateClusterCustomObjectAsync(HostUnits("node-3"), Group, Version, "hostunits");

        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync($"hostunits.{Group}");
        var after = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CustomObjects.ListClusterCustomObjectAsync(Group, Version, "hostunits"));

        Assert.Equal(404, (int)before.Response.StatusCode);
        Assert.Equal(404, (int)after.Response.StatusCode);
    }
}
