using k8s;
using k8s.Models;
using Orchestrator.Actors.Nodes;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.SimulatedCluster.Api;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// A node supervisor's check of an unchanged node (a restart's resync, a drift repair) decides on the watch's report of
/// the Node: no read of a node that holds its claim and labels, a read and a write of one that lost a label. A node new
/// to the deployment is claimed and labelled in one write.
/// </summary>
public sealed class NodeCheckSpecs
{
    [Fact]
    public async Task Unchanged_deployment_applied_again_after_a_restart_reads_no_Node()
    {
        await using var harness = await ConvergedThenStoppedAsync();

        var (again, nodeReads) = await RestartAndApplyAsync(harness);

        Assert.Equal(DeploymentStatus.Ready, again.Status);
        Assert.Equal(["node-1", "node-2"], again.Nodes.Where(n => n.Status == NodeStatus.Ready).Select(n => n.NodeName).Order());
        Assert.Empty(nodeReads);
    }

    [Fact]
    public async Task A_node_new_to_the_deployment_is_claimed_and_labelled_in_one_write()
    {
        var deployment = TestSpecs.ApiAndPinned();
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        var nodeWrites = new List<string>();
        void Written(RequestArrival request)
        {
            if (request.Resource == "nodes" && request.Verb is "patch" or "update")
                lock (nodeWrites)
                    nodeWrites.Add(request.Name);
        }
        harness.Cluster.Counters.Arrived += Written;
        await harness.StartSystemAsync();

        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);

        harness.Cluster.Counters.Arrived -= Written;
        using var client = harness.Cluster.CreateClient();
        foreach (var name in new[] { "node-1", "node-2" })
        {
            var node = await client.CoreV1.ReadNodeAsync(name);
            Assert.Equal("cloud", node.Metadata.Annotations[NodeClaim.Annotation].Split('/')[1]);
            Assert.True(node.Metadata.Labels.ContainsKey("openstack-controller"), $"{name} has no role label");
        }
        lock (nodeWrites)
            Assert.Equal(["node-1", "node-2"], nodeWrites.Order());
    }

    [Fact]
    public async Task A_role_label_taken_off_while_stopped_is_read_and_put_back_at_the_restart()
    {
        await using var harness = await ConvergedThenStoppedAsync();
        using var client = harness.Cluster.CreateClient();
        await client.CoreV1.PatchNodeAsync(new V1Patch("""{"metadata":{"labels":{"openstack-controller":null}}}""", V1Patch.PatchType.MergePatch), "node-2");

        var (again, nodeReads) = await RestartAndApplyAsync(harness);

        Assert.Equal(DeploymentStatus.Ready, again.Status);
        var node = await client.CoreV1.ReadNodeAsync("node-2");
        Assert.True(node.Metadata.Labels.ContainsKey("openstack-controller"), "the role label was not put back");
        Assert.Equal("cloud", node.Metadata.Annotations[NodeClaim.Annotation].Split('/')[1]);
        Assert.DoesNotContain("node-1", nodeReads);
    }

    /// <summary>The example deployment converged once, and the actor system stopped (the journal and the cluster stay).</summary>
    private static async Task<ConvergenceHarness> ConvergedThenStoppedAsync()
    {
        var deployment = TestSpecs.ApiAndPinned();
        var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(deployment)).Status);
        await harness.StopSystemAsync();
        return harness;
    }

    /// <summary>The system started again and the unchanged spec applied: its result, and the Nodes it read (GET) meanwhile.</summary>
    private static async Task<(DeploymentStatusResult Result, IReadOnlyList<string> NodeReads)> RestartAndApplyAsync(ConvergenceHarness harness)
    {
        var nodeReads = new List<string>();
        void Read(RequestArrival request)
        {
            if (request.Resource == "nodes" && request.Verb == "get")
                lock (nodeReads)
                    nodeReads.Add(request.Name);
        }
        harness.Cluster.Counters.Arrived += Read;
        await harness.StartSystemAsync();
        var again = await harness.ApplyAsync(TestSpecs.ApiAndPinned());
        harness.Cluster.Counters.Arrived -= Read;
        lock (nodeReads)
            return (again, nodeReads.ToList());
    }
}
