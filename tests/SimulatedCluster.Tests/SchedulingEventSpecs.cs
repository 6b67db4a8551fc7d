namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>A pod no node fits stays Pending and says why where an operator looks: its events.</summary>
[Trait("Category", "EndToEnd")]
public sealed class SchedulingEventSpecs : ClusterSpecs
{
    [Fact]
    public async Task A_pod_no_node_fits_gets_one_failed_scheduling_warning()
    {
        await Kubectl.Run("run", "lost", "--image=x", "--overrides={\"spec\":{\"nodeSelector\":{\"zone\":\"mars\"}}}");
        var events = await Eventually.Get(
            () => Kubectl.Run("get", "events", "--field-selector", "involvedObject.name=lost", "-o",
                "custom-columns=TYPE:.type,REASON:.reason,OBJECT:.involvedObject.kind,MESSAGE:.message", "--no-headers"),
            r => r.Out.Length > 0, "a FailedScheduling event");

        var pod = await Kubectl.Run("get", "pod", "lost", "--no-headers");

        Assert.Matches(@"^lost\s+0/1\s+Pending\s", pod.Out);
        Assert.Equal("Warning   FailedScheduling   Pod   0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. "
            + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.\n", events.Out);
    }
}
