using Orchestrator.Actors.Nodes;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Tests.Operator;

public sealed class NodeClaimSpecs
{
    private static readonly DeploymentKey RegionA = new("region-a", "cloud");
    private static readonly DeploymentKey RegionB = new("region-b", "cloud");

    [Fact]
    public void Unclaimed_node_is_claimed() => Assert.Equal(NodeClaim.Outcome.Claim, NodeClaim.Decide(null, RegionA));

    [Fact]
    public void Node_claimed_by_the_same_deployment_is_already_ours() =>
        Assert.Equal(NodeClaim.Outcome.AlreadyOurs, NodeClaim.Decide("region-a/cloud", RegionA));

    [Fact]
    public void Node_claimed_by_another_deployment_is_refused() =>
        Assert.Equal(NodeClaim.Outcome.Refused, NodeClaim.Decide("region-a/cloud", RegionB));

    [Fact]
    public void Refused_claim_degrades_the_node_once_with_the_owner_in_its_reason()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var state = NodeState.Empty("node-1");

        var events = state.Decide(new RecordNodeClaimRefused("node-1", "region-a/cloud", at));
        var degraded = events.Aggregate(state, (s, e) => s.Apply(e));

        var decided = Assert.IsType<NodeDegraded>(Assert.Single(events));
        Assert.Contains("claimed by deployment region-a/cloud", decided.Reason);
        Assert.Equal(NodeStatus.Degraded, degraded.Status);
        Assert.Empty(degraded.Decide(new RecordNodeClaimRefused("node-1", "region-a/cloud", at.AddMinutes(1))));
    }
}
