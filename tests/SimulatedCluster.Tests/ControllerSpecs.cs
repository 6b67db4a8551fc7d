using k8s;
using k8s.Models;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>The simulated controllers, scheduler and kubelets, observed through the API as a client sees them.</summary>
public sealed class ControllerSpecs() : ClusterSpecs(new SimulatedClusterOptions
{
    Nodes = [new("node-1", new Dictionary<string, string> { ["openstack-compute"] = "" }), new("node-2"), new("node-3")],
    ReadyDelay = TimeSpan.FromMilliseconds(20),
})
{
    private IKubernetes Client => Cluster.CreateClient();

    private Task<V1PodList> Pods(string app) => Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=" + app);

    private static bool Ready(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    [Fact]
    public async Task A_statefulset_makes_ordered_pods_one_at_a_time_and_reports_its_revision()
    {
        var creations = new List<string>();
        Cluster.PodStarted += e => { lock (creations) creations.Add(e.Name); };
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(Workloads.StatefulSet("db", 3), "default");

        var sts = await Eventually.Get(() => Client.AppsV1.ReadNamespacedStatefulSetAsync("db", "default"),
            s => s.Status?.ReadyReplicas == 3, "three ready replicas");

        Assert.Equal(["db-0", "db-1", "db-2"], creations);
        Assert.Equal(sts.Status.UpdateRevision, sts.Status.CurrentRevision);
        Assert.StartsWith("db-", sts.Status.UpdateRevision);
        Assert.Equal(3, sts.Status.UpdatedReplicas);
    }

    [Fact]
    public async Task A_statefulset_update_replaces_pods_from_the_highest_ordinal_down()
    {
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(Workloads.StatefulSet("mq", 2), "default");
        var first = await Eventually.Get(() => Client.AppsV1.ReadNamespacedStatefulSetAsync("mq", "default"), s => s.Status?.ReadyReplicas == 2, "ready");
        var stopped = new List<string>();
        Cluster.PodStopped += e => { lock (stopped) stopped.Add(e.Name); };

        await Client.AppsV1.PatchNamespacedStatefulSetAsync(new V1Patch(
            """{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"app:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "mq", "default");
        var updated = await Eventually.Get(() => Client.AppsV1.ReadNamespacedStatefulSetAsync("mq", "default"),
            s => s.Status?.CurrentRevision == s.Status?.UpdateRevision && s.Status?.UpdateRevision != first.Status.UpdateRevision && s.Status?.ReadyReplicas == 2,
            "rolled out");

        Assert.Equal(["mq-1", "mq-0"], stopped);
        Assert.All((await Pods("mq")).Items, p => Assert.Equal("app:2", p.Spec.Containers[0].Image));
        Assert.Equal(2, updated.Status.UpdatedReplicas);
    }

    [Fact]
    public async Task A_daemonset_runs_one_pod_on_each_matching_node()
    {
        await Client.AppsV1.CreateNamespacedDaemonSetAsync(Workloads.DaemonSet("agent", new Dictionary<string, string> { ["openstack-compute"] = "" }), "default");
        await Eventually.Get(() => Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", "default"), d => d.Status?.NumberReady == 1, "one ready");

        await Client.CoreV1.PatchNodeAsync(new V1Patch("""{"metadata":{"labels":{"openstack-compute":""}}}""", V1Patch.PatchType.MergePatch), "node-3");
        var ds = await Eventually.Get(() => Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", "default"), d => d.Status?.NumberAvailable == 2, "two available");

        Assert.Equal(2, ds.Status.DesiredNumberScheduled);
        Assert.Equal(2, ds.Status.UpdatedNumberScheduled);
        Assert.Equal(["node-1", "node-3"], (await Pods("agent")).Items.Select(p => p.Spec.NodeName).Order());
    }

    [Fact]
    public async Task A_pod_that_fits_no_node_stays_pending_with_the_scheduler_reason()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Workloads.Pod("picky", new Dictionary<string, string> { ["disk"] = "ssd" }), "default");

        var pod = await Eventually.Get(() => Client.CoreV1.ReadNamespacedPodAsync("picky", "default"),
            p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled") == true, "a scheduling decision");

        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Null(pod.Spec.NodeName);
        var condition = pod.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable"), (condition.Status, condition.Reason));
        Assert.StartsWith("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", condition.Message);
    }

    [Fact]
    public async Task A_crash_looping_pod_restarts_until_healed_and_is_then_ready()
    {
        Cluster.Faults.CrashLoop("default", "crashy");
        await Client.CoreV1.CreateNamespacedPodAsync(Workloads.Pod("crashy"), "default");

        var crashing = await Eventually.Get(() => Client.CoreV1.ReadNamespacedPodAsync("crashy", "default"),
            p => p.Status?.ContainerStatuses?[0].RestartCount >= 2, "restarts");
        Cluster.Faults.Heal("default", "crashy");
        var healed = await Eventually.Get(() => Client.CoreV1.ReadNamespacedPodAsync("crashy", "default"), Ready, "ready after healing");

        Assert.Equal("CrashLoopBackOff", crashing.Status.ContainerStatuses[0].State.Waiting.Reason);
        Assert.False(Ready(crashing));
        Assert.True(healed.Status.ContainerStatuses[0].RestartCount >= 2);
        Assert.NotNull(healed.Status.ContainerStatuses[0].State.Running);
    }

    [Fact]
    public async Task The_pods_of_a_node_that_goes_not_ready_lose_their_readiness_and_get_it_back()
    {
        await Client.CoreV1.CreateNamespacedPodAsync(Workloads.Pod("pinned", new Dictionary<string, string> { ["openstack-compute"] = "" }), "default");
        await Eventually.Get(() => Client.CoreV1.ReadNamespacedPodAsync("pinned", "default"), Ready, "ready");

        Cluster.SetNodeReady("node-1", false);
        var notReady = await Eventually.Get(() => Client.CoreV1.ReadNamespacedPodAsync("pinned", "default"), p => !Ready(p), "not ready");
        var node = await Client.CoreV1.ReadNodeAsync("node-1");
        Cluster.SetNodeReady("node-1", true);
        var back = await Eventually.Get(() => Client.CoreV1.ReadNamespacedPodAsync("pinned", "default"), Ready, "ready again");

        Assert.Equal("Running", notReady.Status.Phase);
        Assert.Equal("False", node.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("10.0.0.10", back.Status.HostIP);
    }

    [Fact]
    public async Task Foreground_deletion_removes_the_dependents_before_the_owner()
    {
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("fg", 2), "default");
        await Eventually.Get(() => Pods("fg"), l => l.Items.Count(Ready) == 2, "two ready pods");

        var changes = new List<(string Type, string Kind, string Name, bool Marked)>();
        Cluster.Store.Changed += e =>
        {
            lock (changes)
                changes.Add((e.Type, e.Resource.Kind, e.Object["metadata"]!["name"]!.GetValue<string>(),
                    e.Object["metadata"]?["finalizers"]?.AsArray().Any(f => f!.GetValue<string>() == "foregroundDeletion") == true));
        };

        await Client.AppsV1.DeleteNamespacedDeploymentAsync("fg", "default", propagationPolicy: "Foreground");
        await Eventually.Get(async () => (await Client.AppsV1.ListNamespacedDeploymentAsync("default", fieldSelector: "metadata.name=fg")).Items.Count,
            n => n == 0, "the deployment gone");

        List<(string Type, string Kind, string Name, bool Marked)> seen;
        lock (changes)
            seen = [.. changes];
        var deploymentGone = seen.FindIndex(c => c.Type == "DELETED" && c.Kind == "Deployment");
        Assert.InRange(seen.FindIndex(c => c.Kind == "Deployment" && c.Marked), 0, deploymentGone - 1);
        Assert.Equal(2, seen.Take(deploymentGone).Count(c => c.Type == "DELETED" && c.Kind == "Pod"));
        Assert.Equal(1, seen.Take(deploymentGone).Count(c => c.Type == "DELETED" && c.Kind == "ReplicaSet"));
        Assert.Empty((await Pods("fg")).Items);
    }

    [Fact]
    public async Task Orphan_deletion_keeps_the_dependents_without_their_owner_reference()
    {
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "orphans" },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "orphans" } },
                Template = Workloads.Template("orphans"),
            },
        }, "default");
        await Eventually.Get(() => Pods("orphans"), l => l.Items.Count == 2, "two pods");

        await Client.AppsV1.DeleteNamespacedReplicaSetAsync("orphans", "default", propagationPolicy: "Orphan");
        await Eventually.Get(async () => (await Client.AppsV1.ListNamespacedReplicaSetAsync("default")).Items.Count, n => n == 0, "the replicaset gone");
        var pods = await Pods("orphans");

        Assert.Equal(2, pods.Items.Count);
        Assert.All(pods.Items, p => Assert.True(p.Metadata.OwnerReferences is null || p.Metadata.OwnerReferences.Count == 0));
    }

    [Fact]
    public async Task A_deleted_namespace_is_emptied_then_removed()
    {
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "scratch" } });
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Workloads.Deployment("temp", 1), "scratch");
        await Eventually.Get(() => Client.CoreV1.ListNamespacedPodAsync("scratch"), l => l.Items.Count == 1, "a pod");

        await Client.CoreV1.DeleteNamespaceAsync("scratch");
        var terminating = await Client.CoreV1.ReadNamespaceAsync("scratch");
        await Eventually.Get(async () => (await Client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList(),
            names => !names.Contains("scratch"), "the namespace gone");

        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.Empty((await Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "metadata.namespace=scratch")).Items);
    }
}
