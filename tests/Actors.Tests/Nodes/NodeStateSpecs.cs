using Orchestrator.Actors.Nodes;
using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Tests.Nodes;

public sealed class NodeStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DesiredNode Desired(string specHash = "n1", string unitHash = "u1") =>
        new("node-2", ["compute"], specHash, new Dictionary<string, string> { ["nova-compute"] = unitHash }, T0);

    private static NodeState Run(NodeState state, IEnumerable<INodeEvent> events) => events.Aggregate(state, (s, e) => s.Apply(e));

    private static NodeState Written()
    {
        var state = Run(NodeState.Empty("node-2"), NodeState.Empty("node-2").Decide(Desired()));
        state = Run(state, state.Decide(new RecordNodeLabelled("node-2", "n1", true, T0)));
        return Run(state, state.Decide(new RecordHostUnitsWritten("node-2", "n1", true, T0)));
    }

    private static ObserveNode Observe(bool? kubeletReady, params HostUnitStatus[] units) =>
        new("node-2", kubeletReady, kubeletReady == false ? "kubelet stopped posting node status" : null,
            new HostUnitsStatus(units, T0), T0.AddMinutes(1));

    [Fact]
    public void New_node_must_be_labelled_and_have_its_host_units_written()
    {
        var state = Run(NodeState.Empty("node-2"), NodeState.Empty("node-2").Decide(Desired()));

        Assert.Equal(NodeStatus.Pending, state.Status);
        Assert.True(state.NeedsLabels);
        Assert.True(state.NeedsHostUnits);
    }

    [Fact]
    public void Node_with_labels_and_host_units_written_is_converging()
    {
        var state = Written();

        Assert.Equal(NodeStatus.Converging, state.Status);
        Assert.False(state.NeedsLabels);
        Assert.False(state.NeedsHostUnits);
    }

    [Fact]
    public void Node_is_ready_when_every_unit_is_active_with_the_current_hash()
    {
        var events = Written().Decide(Observe(true, new HostUnitStatus("nova-compute", true, true, false, 0, "u1", null)));

        Assert.IsType<NodeBecameReady>(Assert.Single(events));
    }

    [Fact]
    public void Node_whose_unit_runs_an_old_hash_keeps_converging()
    {
        Assert.Empty(Written().Decide(Observe(true, new HostUnitStatus("nova-compute", true, true, false, 0, "old", null))));
    }

    [Fact]
    public void Node_with_a_failed_unit_is_degraded_with_the_units_last_error()
    {
        var events = Written().Decide(Observe(true, new HostUnitStatus("nova-compute", true, false, true, 3, "u1", "ExecStart exited 1")));

        var degraded = Assert.IsType<NodeDegraded>(Assert.Single(events));
        Assert.Equal("unit nova-compute failed", degraded.Reason);
        Assert.Contains("ExecStart exited 1", degraded.Cause);
    }

    [Fact]
    public void Node_whose_unit_the_agent_could_not_install_is_degraded_at_the_first_failure()
    {
        var events = Written().Decide(Observe(true, new HostUnitStatus("nova-compute", false, false, false, 0, null,
            "install failed: var/lib/orchestrator-agent: is a symlink; the agent does not write through links")));

        Assert.Equal("unit nova-compute not installed, the agent retries: install failed: var/lib/orchestrator-agent: is a symlink; "
            + "the agent does not write through links", Assert.IsType<NodeDegraded>(Assert.Single(events)).Reason);
    }

    [Fact]
    public void NotReady_node_is_degraded_with_the_kubelets_message()
    {
        var events = Written().Decide(Observe(false));

        Assert.Equal("node NotReady: kubelet stopped posting node status", Assert.IsType<NodeDegraded>(Assert.Single(events)).Reason);
    }

    [Fact]
    public void Ready_node_whose_unit_hash_changes_must_write_its_host_units_again()
    {
        var written = Written();
        var ready = Run(written, written.Decide(Observe(true, new HostUnitStatus("nova-compute", true, true, false, 0, "u1", null))));

        var events = ready.Decide(Desired(specHash: "n2", unitHash: "u2"));
        var changed = Run(ready, events);

        Assert.Equal("unit nova-compute hash u1 -> u2", Assert.IsType<NodeSpecChanged>(Assert.Single(events)).Cause);
        Assert.True(changed.NeedsHostUnits);
        Assert.Equal(NodeStatus.Pending, changed.Status);
    }

    [Fact]
    public void Node_told_the_same_spec_again_records_nothing()
    {
        Assert.Empty(Written().Decide(Desired()));
    }

    [Fact]
    public void Observations_before_the_node_is_written_change_nothing()
    {
        var state = Run(NodeState.Empty("node-2"), NodeState.Empty("node-2").Decide(Desired()));

        Assert.Empty(state.Decide(Observe(true, new HostUnitStatus("nova-compute", true, true, false, 0, "u1", null))));
    }

    [Fact]
    public void Controller_node_without_units_is_ready_once_labelled_and_its_kubelet_is_ready()
    {
        var desired = new DesiredNode("node-1", ["controller"], "c1", new Dictionary<string, string>(), T0);
        var state = Run(NodeState.Empty("node-1"), NodeState.Empty("node-1").Decide(desired));
        state = Run(state, state.Decide(new RecordNodeLabelled("node-1", "c1", false, T0)));
        state = Run(state, state.Decide(new RecordHostUnitsWritten("node-1", "c1", false, T0)));

        var events = state.Decide(new ObserveNode("node-1", true, null, null, T0));

        Assert.IsType<NodeBecameReady>(Assert.Single(events));
    }

    [Fact]
    public void Repeated_write_failures_degrade_the_node()
    {
        var state = Run(NodeState.Empty("node-2"), NodeState.Empty("node-2").Decide(Desired()));

        Assert.Empty(state.Decide(new RecordNodeWriteFailure("node-2", "HTTP 500", 2, T0)));
        Assert.IsType<NodeDegraded>(Assert.Single(state.Decide(new RecordNodeWriteFailure("node-2", "HTTP 500", 3, T0))));
    }

    [Fact]
    public void Ready_node_whose_host_units_had_to_be_rewritten_converges_again()
    {
        var written = Written();
        var ready = Run(written, written.Decide(Observe(true, new HostUnitStatus("nova-compute", true, true, false, 0, "u1", null))));

        var events = ready.Decide(new RecordHostUnitsWritten("node-2", "n1", true, T0));

        Assert.Equal("drift: HostUnits differed from the spec and were rewritten", Assert.IsType<NodeConverging>(Assert.Single(events)).Cause);
        Assert.Empty(ready.Decide(new RecordHostUnitsWritten("node-2", "n1", false, T0)));
    }

    [Fact]
    public void Node_not_yet_configured_ignores_observations()
    {
        Assert.Empty(NodeState.Empty("node-1").Decide(new ObserveNode("node-1", true, null, null, T0)));
    }
}
