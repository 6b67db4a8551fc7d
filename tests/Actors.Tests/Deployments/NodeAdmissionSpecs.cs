using Orchestrator.Actors.Deployments;

namespace Orchestrator.Actors.Tests.Deployments;

/// <summary>
/// The coordinator starts at most a window of node supervisors at once: each report back lets the next waiting node in,
/// a node that never reports gives its place up after its patience, and telling a node again never costs it its place.
/// </summary>
public sealed class NodeAdmissionSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static List<string> Nodes(int count) => Enumerable.Range(1, count).Select(n => $"node-{n}").ToList();

    [Fact]
    public void A_fleet_larger_than_the_window_starts_one_window_and_queues_the_rest_in_order()
    {
        var admission = new NodeAdmission(3, Patience);

        var toldNow = Nodes(5).Where(node => admission.Admit(node, T0)).ToList();

        Assert.Equal(["node-1", "node-2", "node-3"], toldNow);
        Assert.Equal(3, admission.Starting);
        Assert.Equal(2, admission.Waiting);
    }

    [Fact]
    public void Each_report_back_lets_the_next_waiting_node_in_until_every_node_was_told()
    {
        var admission = new NodeAdmission(2, Patience);
        var told = Nodes(5).Where(node => admission.Admit(node, T0)).ToList();

        for (var i = 0; i < told.Count; i++)
            told.AddRange(admission.Reported(told[i], T0));

        Assert.Equal(Nodes(5), told);
        Assert.Equal(0, admission.Waiting);
        Assert.Equal(0, admission.Starting);
    }

    [Fact]
    public void A_report_from_a_node_that_was_not_waiting_for_one_lets_nobody_in()
    {
        var admission = new NodeAdmission(1, Patience);
        Assert.True(admission.Admit("node-1", T0));
        Assert.False(admission.Admit("node-2", T0));

        Assert.Empty(admission.Reported("node-9", T0));
        Assert.Equal(1, admission.Waiting);
    }

    [Fact]
    public void A_node_that_does_not_report_within_its_patience_gives_its_place_to_the_next()
    {
        var admission = new NodeAdmission(1, Patience);
        Assert.True(admission.Admit("node-1", T0));
        Assert.False(admission.Admit("node-2", T0));

        Assert.Empty(admission.Expired(T0 + Patience - TimeSpan.FromSeconds(1)));
        Assert.Equal(["node-2"], admission.Expired(T0 + Patience));
    }

    [Fact]
    public void Handing_out_again_tells_started_nodes_again_and_keeps_the_waiting_ones_in_their_places()
    {
        var admission = new NodeAdmission(2, Patience);
        foreach (var node in Nodes(4))
            admission.Admit(node, T0);

        var toldAgain = Nodes(4).Where(node => admission.Admit(node, T0.AddSeconds(10))).ToList();

        Assert.Equal(["node-1", "node-2"], toldAgain);
        Assert.Equal(2, admission.Waiting);
        Assert.Equal(["node-3"], admission.Reported("node-1", T0.AddSeconds(11)));
    }

    [Fact]
    public void A_window_of_zero_tells_every_node_at_once()
    {
        var admission = new NodeAdmission(0, Patience);

        Assert.All(Nodes(1000), node => Assert.True(admission.Admit(node, T0)));
        Assert.Equal(0, admission.Waiting);
    }
}
