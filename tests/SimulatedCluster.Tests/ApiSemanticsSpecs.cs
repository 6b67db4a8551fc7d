using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>What the KubernetesClient sees of the API's write semantics: conflicts, patches, status, generation, errors.</summary>
public sealed class ApiSemanticsSpecs : ClusterSpecs
{
    private IKubernetes Client => Cluster.CreateClient();

    private static V1ConfigMap ConfigMap(string name, string value = "1") => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["tier"] = "config" } },
        Data = new Dictionary<string, string> { ["a"] = value, ["b"] = "kept" },
    };

    [Fact]
    public async Task Update_with_a_stale_resource_version_is_a_conflict_and_is_counted()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "default");
        created.Data["a"] = "2";
        await Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", "default");
        created.Data["a"] = "3";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "c", "default"));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("the object has been modified; please apply your changes to the latest version and try again", error.Response.Content);
        Assert.Equal(1, Cluster.Counters.Conflicts("configmaps"));
        Assert.Equal(2, Cluster.Counters.Requests("update", "configmaps"));
    }

    [Fact]
    public async Task A_statefulsets_pod_management_policy_cannot_be_changed_but_its_replicas_can()
    {
        var created = await Client.AppsV1.CreateNamespacedStatefulSetAsync(Workloads.StatefulSet("fixed", 1), "default");
        Assert.Equal("OrderedReady", created.Spec.PodManagementPolicy);
        // The controller writes the status meanwhile: these replaces carry no resourceVersion, so they are unconditional.
        created.Metadata.ResourceVersion = null;
        created.Spec.Replicas = 2;
        var scaled = await Client.AppsV1.ReplaceNamespacedStatefulSetAsync(created, "fixed", "default");
        scaled.Metadata.ResourceVersion = null;
        scaled.Spec.PodManagementPolicy = "Parallel";

        var replace = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.ReplaceNamespacedStatefulSetAsync(scaled, "fixed", "default"));
        var patch = await Assert.ThrowsAsync<HttpOperationException>(() => Client.AppsV1.PatchNamespacedStatefulSetAsync(
            new V1Patch("""{"spec":{"podManagementPolicy":"Parallel"}}""", V1Patch.PatchType.MergePatch), "fixed", "default"));

        foreach (var error in new[] { replace, patch })
        {
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
            Assert.Contains("updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", error.Response.Content);
        }
        Assert.Equal("OrderedReady", (await Client.AppsV1.ReadNamespacedStatefulSetAsync("fixed", "default")).Spec.PodManagementPolicy);
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_already_exists()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), "default");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("twice"), "default"));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"AlreadyExists\"", error.Response.Content);
    }

    [Fact]
    public async Task Merge_patch_changes_only_the_fields_it_names()
    {
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("m"), "default");

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"data":{"a":"changed","c":"new"},"metadata":{"labels":{"tier":null}}}""", V1Patch.PatchType.MergePatch), "m", "default");

        Assert.Equal(new Dictionary<string, string> { ["a"] = "changed", ["b"] = "kept", ["c"] = "new" }, patched.Data);
        Assert.True(patched.Metadata.Labels is null || !patched.Metadata.Labels.ContainsKey("tier"));
        Assert.True(long.Parse(patched.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        var deployment = await Client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("smp", 0), "default");

        var patched = await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"},{"name":"main","image":"app:2"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "smp", "default");

        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["main", "sidecar"], containers.Select(c => c.Name).Order());
        Assert.Equal("app:2", containers.Single(c => c.Name == "main").Image);
        Assert.Equal(8080, containers.Single(c => c.Name == "main").Ports.Single().ContainerPort);
        Assert.Equal(deployment.Metadata.Generation + 1, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Json_patch_applies_its_operations_in_order()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("j"), "default");

        var patched = await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(
            """[{"op":"test","path":"/data/a","value":"1"},{"op":"replace","path":"/data/a","value":"9"},{"op":"remove","path":"/data/b"}]""",
            V1Patch.PatchType.JsonPatch), "j", "default");

        Assert.Equal(new Dictionary<string, string> { ["a"] = "9" }, patched.Data);
    }

    [Fact]
    public async Task Status_is_written_only_through_the_status_subresource_and_spec_changes_alone_move_generation()
    {
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("gen", 0), "default");
        var labelled = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"x":"y"}},"status":{"replicas":42}}""", V1Patch.PatchType.MergePatch), "gen", "default");
        var statusWritten = await Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"spec":{"replicas":7},"status":{"collisionCount":3}}""", V1Patch.PatchType.MergePatch), "gen", "default");
        var scaled = await Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":0,"paused":true}}""", V1Patch.PatchType.MergePatch), "gen", "default");

        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(1, labelled.Metadata.Generation);
        Assert.NotEqual(42, labelled.Status?.Replicas);
        Assert.Equal(3, statusWritten.Status.CollisionCount);
        Assert.Equal(0, statusWritten.Spec.Replicas);
        Assert.Equal(2, scaled.Metadata.Generation);
    }

    [Fact]
    public async Task Lists_filter_by_label_and_field_selectors()
    {
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("one"), "default");
        await Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "two" } }, "default");

        var byLabel = await Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier in (config,other)");
        var byName = await Client.CoreV1.ListConfigMapForAllNamespacesAsync(fieldSelector: "metadata.name=two");
        var notLabelled = await Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "!tier");

        Assert.Equal(["one"], byLabel.Items.Select(c => c.Metadata.Name));
        Assert.Equal(["two"], byName.Items.Select(c => c.Metadata.Name));
        Assert.Equal(["two"], notLabelled.Items.Select(c => c.Metadata.Name));
    }

    [Fact]
    public async Task Malformed_objects_are_invalid_and_a_missing_namespace_is_not_found()
    {
        var badName = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("Not_A_Name"), "default"));
        var noName = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta() }, "default"));
        var noNamespace = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), "missing"));
        var wrongNamespace = await Assert.ThrowsAsync<HttpOperationException>(() =>
            Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = "kube-system" } }, "default"));

        Assert.Equal(422, (int)badName.Response.StatusCode);
        Assert.Contains("ConfigMap \\\"Not_A_Name\\\" is invalid: metadata.name: Invalid value", badName.Response.Content);
        Assert.Equal(422, (int)noName.Response.StatusCode);
        Assert.Contains("name or generateName is required", noName.Response.Content);
        Assert.Equal(404, (int)noNamespace.Response.StatusCode);
        Assert.Contains("namespaces \\\"missing\\\" not found", noNamespace.Response.Content);
        Assert.Equal(400, (int)wrongNamespace.Response.StatusCode);
    }

    [Fact]
    public async Task Finalizers_hold_a_deleted_object_until_they_are_removed()
    {
        var held = ConfigMap("held");
        held.Metadata.Finalizers = ["example.com/keep"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(held, "default");

        await Client.CoreV1.DeleteNamespacedConfigMapAsync("held", "default");
        var marked = await Client.CoreV1.ReadNamespacedConfigMapAsync("held", "default");
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", "default");

        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.ReadNamespacedConfigMapAsync("held", "default"));
        Assert.Equal(404, (int)gone.Response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_resource_type_is_not_found()
    {
        using var http = new HttpClient { BaseAddress = Cluster.BaseUri };

        var answer = await http.GetAsync("apis/example.com/v1/widgets");

        Assert.Equal(404, (int)answer.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", await answer.Content.ReadAsStringAsync());
    }
}
