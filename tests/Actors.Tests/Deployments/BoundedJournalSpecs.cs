using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Nodes;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Deployments;

/// <summary>
/// The journal grows with changes of state, not with time: a unit that crash-loops for a simulated day (the clock is
/// the loop's, every poll of the agent 2 s apart) moves its restart count and error text on every restart, and the
/// node's and the deployment's decisions over the agent's reports still record a bounded handful of events.
/// </summary>
public sealed class BoundedJournalSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    private static readonly HostUnitSpec Unit = new("nova-compute", "openstack", "/artifacts/nova-compute",
        "[Service]\nExecStart=/opt/nova-compute/bin/run\nRestart=on-failure\n", "nova-compute-etc", "nova-compute-secrets", true, [], "u1");

    private static OpenStackDeployment Deployment() => new(OpenStackDeployment.ExpectedApiVersion, OpenStackDeployment.ExpectedKind,
        new DeploymentMetadata("cloud", "openstack"),
        new DeploymentSpec("example.com", new TlsSpec("tls", true), [new NodeSpec("node-2", ["compute"])],
            [new ServiceSpec("nova-compute", ServiceKind.Host, null, 0, null, [], new Dictionary<string, string>(), new Dictionary<string, string>(),
                "compute", "/artifacts/nova-compute", Unit.Unit, true, [])]));

    private static T Fold<T>(T state, IEnumerable<object> events, Func<T, object, T> apply) => events.Aggregate(state, apply);

    [Fact]
    public void A_unit_crash_looping_for_a_simulated_day_records_a_bounded_handful_of_unit_events_one_NodeDegraded_and_one_DeploymentStatusChanged()
    {
        var settings = UnitSettings.Default;
        var unit = UnitState.Empty;
        foreach (var command in new object[] { new ConvergeUnit(Unit), new StepSucceeded(UnitPhase.Installing, "u1"), new StepSucceeded(UnitPhase.Starting, "u1") })
            unit = Fold(unit, unit.Decide(command, settings), (s, e) => s.Apply((IUnitEvent)e));

        var node = NodeState.Empty("node-2");
        node = Fold(node, node.Decide(new DesiredNode("node-2", ["compute"], "n1", new Dictionary<string, string> { ["nova-compute"] = "u1" }, T0)), (s, e) => s.Apply((INodeEvent)e));
        node = Fold(node, node.Decide(new RecordNodeLabelled("node-2", "n1", true, T0)), (s, e) => s.Apply((INodeEvent)e));
        node = Fold(node, node.Decide(new RecordHostUnitsWritten("node-2", "n1", true, T0)), (s, e) => s.Apply((INodeEvent)e));

        var coordinator = CoordinatorState.Empty;
        coordinator = Fold(coordinator, coordinator.Decide(Deployment(), "d1", T0), (s, e) => s.Apply((IDeploymentEvent)e));
        coordinator = coordinator.With(new ServiceStatusReport("nova-compute", ServiceKind.Host, ServiceStatus.Degraded, "unit on node-2 failed", T0));

        var unitEvents = new List<IUnitEvent>();
        var nodeEvents = new List<INodeEvent>();
        var deploymentEvents = new List<IDeploymentEvent>();
        var systemdRestarts = 0;
        var polls = 0;
        for (var now = T0; now < T0.AddDays(1); now += Poll, polls++)
        {
            // systemd brings the unit back by itself every fifth poll (Restart=on-failure); each time its error text moves.
            var restarting = polls % 5 == 0;
            if (restarting)
                systemdRestarts++;
            var seen = new UnitObservation("loaded", restarting ? "activating" : "active", restarting ? "auto-restart" : "running", systemdRestarts, 1);
            var observed = new UnitObserved(seen, [$"attempt {systemdRestarts}: connection to 10.0.0.{systemdRestarts % 250} refused"], now);
            var recorded = unit.Decide(observed, settings);
            unitEvents.AddRange(recorded);
            unit = Fold(unit, recorded, (s, e) => s.Apply((IUnitEvent)e)).WithObservation(observed); // as the UnitSupervisor does

            var report = new ObserveNode("node-2", true, null, new HostUnitsStatus([unit.ToStatus("nova-compute")], now), now);
            var decided = node.Decide(report);
            nodeEvents.AddRange(decided);
            node = Fold(node, decided, (s, e) => s.Apply((INodeEvent)e));

            coordinator = coordinator.With(node.Report());
            var status = coordinator.DecideStatus(now);
            deploymentEvents.AddRange(status);
            coordinator = Fold(coordinator, status, (s, e) => s.Apply((IDeploymentEvent)e));
        }

        Assert.True(unit.ToStatus("nova-compute") is { Failed: true, Restarts: > 8000 }, "the unit kept failing all day: " + unit.ToStatus("nova-compute"));
        Assert.Contains($"NRestarts {systemdRestarts}", unit.ToStatus("nova-compute").LastError); // the latest error lives in the status
        Assert.Single(nodeEvents.OfType<NodeDegraded>());
        Assert.Single(deploymentEvents.OfType<DeploymentStatusChanged>(), e => e.Status == DeploymentStatus.Degraded);
        // Until the agent gives up on the unit (5 failures) the node flips between Ready and Converging; after that, nothing.
        Assert.True(nodeEvents.Count <= 2 * settings.GiveUpAfter + 1, $"{nodeEvents.Count} node events in a day: " + string.Join("; ", nodeEvents.Take(12)));
        Assert.DoesNotContain(nodeEvents, e => e.At > T0.AddMinutes(5));
        // The agent's own journal: each restart until it gives up, then nothing while systemd keeps restarting the unit.
        Assert.True(unitEvents.Count <= 2 * settings.GiveUpAfter + 1, $"{unitEvents.Count} unit events in a day: " + string.Join("; ", unitEvents.Take(12)));
        Assert.DoesNotContain(deploymentEvents, e => e.At > T0.AddMinutes(5));
    }
}
