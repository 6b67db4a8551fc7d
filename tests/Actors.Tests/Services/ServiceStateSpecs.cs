using Orchestrator.Actors.Services;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Services;

public sealed class ServiceStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DesiredService Desired(string specHash = "spec1", string configHash = "cfg1", IReadOnlyList<string>? waitingFor = null,
        IReadOnlyDictionary<string, string>? files = null, ServiceKind kind = ServiceKind.Api, IReadOnlyList<string>? nodes = null) =>
        new("nova-api", kind, specHash, configHash, files ?? new Dictionary<string, string> { ["nova.conf"] = "3f2a00" },
            nodes ?? [], waitingFor ?? [], T0);

    private static ServiceState Run(ServiceState state, IEnumerable<IServiceEvent> events) =>
        events.Aggregate(state, (s, e) => s.Apply(e));

    private static ServiceState Ready(string configHash = "cfg1")
    {
        var state = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired(configHash: configHash)));
        state = Run(state, state.Decide(new RecordObjectsApplied("nova-api", state.SpecHash, 4, T0)));
        return Run(state, state.Decide(Observe(Workload(configHash: configHash))));
    }

    private static WorkloadObservation Workload(int replicas = 2, string configHash = "cfg1") =>
        new(WorkloadKind.Deployment, "nova-api", 1, 1, replicas, replicas, replicas, replicas, replicas, null, null, configHash);

    private static ObserveWorkload Observe(WorkloadObservation? workload, params PodObservation[] pods) =>
        new("nova-api", workload, pods, T0.AddMinutes(1));

    [Fact]
    public void Pending_service_waits_for_unready_dependency()
    {
        var events = ServiceState.Empty("nova-api").Decide(Desired(waitingFor: ["keystone"]));

        Assert.Collection(events,
            e => Assert.IsType<ServiceSpecChanged>(e),
            e => Assert.Equal(["keystone"], Assert.IsType<ServiceWaitingForDependencies>(e).WaitingFor));
        Assert.Equal(ServiceStatus.WaitingForDependencies, Run(ServiceState.Empty("nova-api"), events).Status);
    }

    [Fact]
    public void Pending_service_without_dependencies_starts_applying()
    {
        var state = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired()));

        Assert.Equal(ServiceStatus.Applying, state.Status);
        Assert.True(state.NeedsApply);
    }

    [Fact]
    public void Waiting_service_starts_applying_when_its_dependencies_are_ready()
    {
        var waiting = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired(waitingFor: ["keystone"])));

        var events = waiting.Decide(Desired());

        var started = Assert.IsType<ServiceApplyStarted>(Assert.Single(events));
        Assert.Equal("dependencies ready: keystone", started.Cause);
    }

    [Fact]
    public void Waiting_service_told_the_same_thing_again_records_nothing()
    {
        var waiting = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired(waitingFor: ["keystone"])));

        Assert.Empty(waiting.Decide(Desired(waitingFor: ["keystone"])));
    }

    [Fact]
    public void Applied_objects_move_the_service_to_rolling_out()
    {
        var applying = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired()));

        var state = Run(applying, applying.Decide(new RecordObjectsApplied("nova-api", "spec1", 4, T0)));

        Assert.Equal(ServiceStatus.RollingOut, state.Status);
        Assert.False(state.NeedsApply);
    }

    [Fact]
    public void Objects_applied_for_an_older_spec_are_ignored()
    {
        var applying = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired()));

        Assert.Empty(applying.Decide(new RecordObjectsApplied("nova-api", "older", 4, T0)));
    }

    [Fact]
    public void Rolling_out_service_becomes_ready_when_every_replica_runs_the_current_hash()
    {
        Assert.Equal(ServiceStatus.Ready, Ready().Status);
    }

    [Fact]
    public void Observations_before_the_objects_are_applied_change_nothing()
    {
        var applying = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired()));

        Assert.Empty(applying.Decide(Observe(Workload())));
    }

    [Fact]
    public void Ready_service_goes_back_to_applying_when_config_hash_changes()
    {
        var ready = Ready();

        var events = ready.Decide(Desired(specHash: "spec2", configHash: "cfg2",
            files: new Dictionary<string, string> { ["nova.conf"] = "9c1d00" }));

        var changed = Assert.IsType<ServiceSpecChanged>(events[0]);
        Assert.Equal("config nova.conf hash 3f2a -> 9c1d", changed.Cause);
        Assert.IsType<ServiceApplyStarted>(events[1]);
        Assert.Equal(ServiceStatus.Applying, Run(ready, events).Status);
    }

    [Fact]
    public void Ready_service_told_the_same_spec_again_records_nothing()
    {
        Assert.Empty(Ready().Decide(Desired()));
    }

    [Fact]
    public void Ready_service_with_a_crash_looping_pod_is_degraded_with_the_pod_named()
    {
        var events = Ready().Decide(Observe(Workload(), new PodObservation("nova-api-x", false, 5, "CrashLoopBackOff")));

        var degraded = Assert.IsType<ServiceDegraded>(Assert.Single(events));
        Assert.Equal("pod nova-api-x crash-looping, 5 restarts", degraded.Reason);
    }

    [Fact]
    public void Degraded_service_comes_back_to_ready_when_its_pod_recovers()
    {
        var ready = Ready();
        var degraded = Run(ready, ready.Decide(Observe(Workload(), new PodObservation("nova-api-x", false, 5, "CrashLoopBackOff"))));

        var recovered = Run(degraded, degraded.Decide(Observe(Workload(), new PodObservation("nova-api-x", true, 5, null))));

        Assert.Equal(ServiceStatus.Ready, recovered.Status);
        Assert.Null(recovered.Reason);
    }

    [Fact]
    public void Degraded_service_goes_back_to_applying_when_its_spec_changes()
    {
        var ready = Ready();
        var degraded = Run(ready, ready.Decide(Observe(Workload(), new PodObservation("nova-api-x", false, 5, "CrashLoopBackOff"))));

        var events = degraded.Decide(Desired(specHash: "spec2"));

        Assert.Contains(events, e => e is ServiceApplyStarted);
    }

    [Fact]
    public void Ready_service_whose_pods_go_missing_is_rolling_out_again()
    {
        var events = Ready().Decide(Observe(Workload() with { ReadyReplicas = 1, AvailableReplicas = 1 }));

        Assert.IsType<ServiceRollingOut>(Assert.Single(events));
    }

    [Fact]
    public void Transient_apply_failures_degrade_the_service_after_three_in_a_row()
    {
        var applying = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired()));

        Assert.Empty(applying.Decide(new RecordApplyFailure("nova-api", "HTTP 500", 2, false, T0)));
        var degraded = Run(applying, applying.Decide(new RecordApplyFailure("nova-api", "HTTP 500", 3, false, T0)));

        Assert.Equal(ServiceStatus.Degraded, degraded.Status);
        Assert.Equal("apply failing: HTTP 500", degraded.Reason);
        Assert.True(degraded.NeedsApply);
    }

    [Fact]
    public void Degraded_service_whose_apply_finally_succeeds_rolls_out()
    {
        var applying = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired()));
        var degraded = Run(applying, applying.Decide(new RecordApplyFailure("nova-api", "HTTP 500", 3, false, T0)));

        var state = Run(degraded, degraded.Decide(new RecordObjectsApplied("nova-api", "spec1", 4, T0)));

        Assert.Equal(ServiceStatus.RollingOut, state.Status);
    }

    [Fact]
    public void Permanent_apply_failure_fails_the_service_until_its_spec_changes()
    {
        var applying = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(Desired()));
        var failed = Run(applying, applying.Decide(new RecordApplyFailure("nova-api", "Deployment is invalid", 1, true, T0)));

        Assert.Equal(ServiceStatus.Failed, failed.Status);
        Assert.Empty(failed.Decide(Desired()));
        Assert.Contains(failed.Decide(Desired(specHash: "spec2")), e => e is ServiceApplyStarted);
    }

    [Fact]
    public void Host_service_is_ready_when_every_node_reports_its_unit_active_with_the_current_hash()
    {
        var desired = Desired(kind: ServiceKind.Host, configHash: "unit1", nodes: ["node-2", "node-3"]);
        var state = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(desired));
        state = Run(state, state.Decide(new RecordObjectsApplied("nova-api", "spec1", 2, T0)));

        var halfway = state.Decide(new ObserveHostUnits("nova-api", [new HostUnitObservation("node-2", true, true, false, 0, "unit1", null)], T0));
        var everywhere = state.Decide(new ObserveHostUnits("nova-api",
            [new HostUnitObservation("node-2", true, true, false, 0, "unit1", null), new HostUnitObservation("node-3", true, true, false, 0, "unit1", null)], T0));

        Assert.Empty(halfway);
        Assert.IsType<ServiceBecameReady>(Assert.Single(everywhere));
    }

    [Fact]
    public void Host_service_with_a_failed_unit_is_degraded_with_the_agents_error()
    {
        var desired = Desired(kind: ServiceKind.Host, configHash: "unit1", nodes: ["node-2"]);
        var state = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(desired));
        state = Run(state, state.Decide(new RecordObjectsApplied("nova-api", "spec1", 2, T0)));

        var events = state.Decide(new ObserveHostUnits("nova-api",
            [new HostUnitObservation("node-2", true, false, true, 4, "unit1", "exit status 1")], T0));

        Assert.Equal("unit on node-2 failed, 4 restarts: exit status 1", Assert.IsType<ServiceDegraded>(Assert.Single(events)).Reason);
    }

    [Fact]
    public void Host_service_whose_install_the_agent_could_not_do_says_why_at_the_first_failure()
    {
        var desired = Desired(kind: ServiceKind.Host, configHash: "unit1", nodes: ["node-2"]);
        var state = Run(ServiceState.Empty("nova-api"), ServiceState.Empty("nova-api").Decide(desired));
        state = Run(state, state.Decide(new RecordObjectsApplied("nova-api", "spec1", 2, T0)));

        var events = state.Decide(new ObserveHostUnits("nova-api",
            [new HostUnitObservation("node-2", false, false, false, 0, null, "install failed: source \"/x\": no such folder")], T0));
        var degraded = Run(state, events);
        var recovered = degraded.Decide(new ObserveHostUnits("nova-api", [new HostUnitObservation("node-2", true, true, false, 0, "unit1", null)], T0));

        Assert.Equal("unit on node-2 not installed, the agent retries: install failed: source \"/x\": no such folder",
            Assert.IsType<ServiceDegraded>(Assert.Single(events)).Reason);
        Assert.Equal(degraded.Reason, degraded.Report().Reason);
        Assert.IsType<ServiceBecameReady>(Assert.Single(recovered));
    }

    [Fact]
    public void Since_keeps_the_time_of_the_last_status_change()
    {
        var ready = Ready();

        Assert.Equal(T0.AddMinutes(1), ready.Since);
    }

    [Fact]
    public void Ready_service_whose_objects_had_to_be_rewritten_rolls_out_again()
    {
        var events = Ready().Decide(new RecordObjectsApplied("nova-api", "spec1", 2, T0));

        var applied = Assert.IsType<ServiceObjectsApplied>(Assert.Single(events));
        Assert.StartsWith("drift: 2 object(s)", applied.Cause);
        Assert.Equal(ServiceStatus.RollingOut, Run(Ready(), events).Status);
    }

    [Fact]
    public void Ready_service_whose_objects_are_all_in_place_records_nothing_on_a_check()
    {
        Assert.Empty(Ready().Decide(new RecordObjectsApplied("nova-api", "spec1", 0, T0)));
    }
}
