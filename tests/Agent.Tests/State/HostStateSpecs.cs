using Orchestrator.Actors.Agent;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Agent.Tests.State;

public sealed class HostStateSpecs
{
    private static HostUnitSpec Unit(string name, string hash = "h1", string source = "/artifacts/x", params string[] ports) =>
        new(name, "openstack", source, "[Service]\n", "", "", true, ports, hash);

    private static HostState Run(HostState state, object command)
    {
        foreach (var e in state.Decide(command, "node-1"))
            state = state.Apply(e);
        return state;
    }

    [Fact]
    public void New_units_become_desired_and_unchanged_ones_decide_nothing()
    {
        var spec = new HostUnitsSpec("node-1", [Unit("nova-compute"), Unit("mariadb")]);
        var state = Run(HostState.Empty, new DesiredUnitsObserved(spec));

        Assert.Equal(["mariadb", "nova-compute"], state.Desired.Keys);
        Assert.Empty(state.Decide(new DesiredUnitsObserved(spec), "node-1"));
    }

    [Fact]
    public void A_unit_gone_from_the_spec_is_removed_then_forgotten_when_its_removal_finishes()
    {
        var state = Run(HostState.Empty, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit("nova-compute")])));

        state = Run(state, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [])));
        Assert.Equal(["nova-compute"], state.Removing);
        state = Run(state, new UnitRemovalFinished("nova-compute"));

        Assert.Empty(state.Removing);
        Assert.Empty(state.Desired);
    }

    [Fact]
    public void A_deleted_host_units_object_removes_every_unit()
    {
        var state = Run(HostState.Empty, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit("a"), Unit("b")])));

        var events = state.Decide(new DesiredUnitsObserved(null), "node-1");

        Assert.All(events, e => Assert.Equal("HostUnits object deleted", Assert.IsType<HostUnitRemovalRequested>(e).Cause));
        Assert.Equal(2, events.Count);
    }

    [Theory]
    [InlineData("../etc", "/artifacts/x", "name:")]
    [InlineData("nova/../../etc", "/artifacts/x", "name:")]
    [InlineData("/etc/passwd", "/artifacts/x", "name:")]
    [InlineData("nova", "../relative", "source:")]
    [InlineData("nova", "/artifacts/../../etc", "source:")]
    public void Hostile_entries_are_refused_and_reported_never_desired(string name, string source, string field)
    {
        var state = Run(HostState.Empty, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit(name, source: source)])));

        Assert.Empty(state.Desired);
        Assert.StartsWith(field, state.Refused[name]);
    }

    [Fact]
    public void Bad_ports_and_duplicate_names_are_refused()
    {
        var state = Run(HostState.Empty, new DesiredUnitsObserved(new HostUnitsSpec("node-1",
            [Unit("a", ports: ["70000/tcp"]), Unit("b"), Unit("b"), Unit("c", ports: ["80/sctp"])])));

        Assert.Empty(state.Desired);
        Assert.Contains("ports \"70000/tcp\"", state.Refused["a"]);
        Assert.Contains("listed more than once", state.Refused["b"]);
        Assert.Contains("ports \"80/sctp\"", state.Refused["c"]);
    }

    [Fact]
    public void A_running_unit_whose_entry_turns_invalid_is_refused_but_not_removed()
    {
        var state = Run(HostState.Empty, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit("mariadb")])));

        state = Run(state, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit("mariadb", source: "relative")])));

        Assert.Empty(state.Removing);
        Assert.True(state.Desired.ContainsKey("mariadb"));
        Assert.True(state.Refused.ContainsKey("mariadb"));
    }

    [Fact]
    public void An_object_naming_another_node_is_refused_whole_and_changes_nothing()
    {
        var state = Run(HostState.Empty, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit("mariadb")])));

        state = Run(state, new DesiredUnitsObserved(new HostUnitsSpec("node-2", [])));

        Assert.Empty(state.Removing);
        Assert.Contains("node-2", state.Refused["node-2"]);
    }

    [Fact]
    public void A_changed_hash_makes_the_unit_desired_again_with_the_change_as_cause()
    {
        var state = Run(HostState.Empty, new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit("mariadb")])));

        var events = state.Decide(new DesiredUnitsObserved(new HostUnitsSpec("node-1", [Unit("mariadb", hash: "h2")])), "node-1");

        Assert.Equal("hash h1 -> h2", Assert.IsType<HostUnitDesired>(Assert.Single(events)).Cause);
    }
}
