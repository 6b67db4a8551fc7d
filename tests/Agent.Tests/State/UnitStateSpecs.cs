using Orchestrator.Actors.Agent;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Agent.Tests.State;

public sealed class UnitStateSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly UnitSettings Settings = new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), GiveUpAfter: 3, TimeSpan.FromSeconds(30), 10);

    private static HostUnitSpec Spec(string hash = "hash-1") =>
        new("nova-compute", "openstack", "/artifacts/nova-compute", "[Service]\nExecStart=/opt/nova-compute/bin/run\n", "", "", true, [], hash);

    private static UnitObservation Seen(string active, int restarts = 0, int status = 0) =>
        new("loaded", active, active == "active" ? "running" : "failed", restarts, status);

    /// <summary>Decides and folds in, then folds in what a look saw, as the UnitSupervisor does.</summary>
    private static UnitState Run(UnitState state, object command)
    {
        foreach (var e in state.Decide(command, Settings))
            state = state.Apply(e);
        return command is UnitObserved observed ? state.WithObservation(observed) : state;
    }

    private static UnitState RunningAndActive(string hash = "hash-1")
    {
        var state = Run(UnitState.Empty, new ConvergeUnit(Spec(hash)));
        state = Run(state, new StepSucceeded(UnitPhase.Installing, hash));
        state = Run(state, new StepSucceeded(UnitPhase.Starting, hash));
        return Run(state, new UnitObserved(Seen("active"), [], T0));
    }

    [Fact]
    public void A_new_unit_is_installed_then_started_then_watched()
    {
        var state = Run(UnitState.Empty, new ConvergeUnit(Spec()));
        Assert.Equal(UnitPhase.Installing, state.Phase);
        Assert.True(state.StepDue(T0));

        state = Run(state, new StepSucceeded(UnitPhase.Installing, "hash-1"));
        Assert.Equal(UnitPhase.Starting, state.Phase);

        state = Run(state, new StepSucceeded(UnitPhase.Starting, "hash-1"));
        Assert.Equal(UnitPhase.Running, state.Phase);
        Assert.False(state.StepDue(T0));
        Assert.Equal(new HostUnitStatus("nova-compute", true, false, false, 0, "hash-1", null), state.ToStatus("nova-compute"));
    }

    [Fact]
    public void The_same_hash_again_decides_nothing()
    {
        var state = RunningAndActive();

        Assert.Empty(state.Decide(new ConvergeUnit(Spec()), Settings));
    }

    [Fact]
    public void A_new_hash_reinstalls_and_names_the_change_as_cause()
    {
        var state = RunningAndActive();

        var events = state.Decide(new ConvergeUnit(Spec("hash-2")), Settings);

        var started = Assert.IsType<UnitInstallStarted>(Assert.Single(events));
        Assert.Equal("hash hash-1 -> hash-2", started.Cause);
        var after = state.Apply(started);
        Assert.Equal("hash-1", after.RunningHash); // still what runs until the restart
        Assert.Equal(UnitPhase.Installing, after.Phase);
    }

    [Fact]
    public void A_step_result_for_an_older_hash_is_ignored()
    {
        var state = Run(Run(UnitState.Empty, new ConvergeUnit(Spec())), new ConvergeUnit(Spec("hash-2")));

        Assert.Empty(state.Decide(new StepSucceeded(UnitPhase.Installing, "hash-1"), Settings));
    }

    [Fact]
    public void A_failed_step_waits_with_growing_backoff_and_is_reported_failed_after_the_limit()
    {
        var state = Run(UnitState.Empty, new ConvergeUnit(Spec()));

        state = Run(state, new StepFailed(UnitPhase.Installing, "configMap openstack/nova: not found", T0));
        Assert.Equal(T0.AddSeconds(1), state.NextAttemptAt);
        Assert.False(state.StepDue(T0));
        Assert.True(state.StepDue(T0.AddSeconds(1)));
        state = Run(state, new StepFailed(UnitPhase.Installing, "again", T0.AddSeconds(1)));
        Assert.Equal(T0.AddSeconds(3), state.NextAttemptAt);
        Assert.False(state.Failed);
        state = Run(state, new StepFailed(UnitPhase.Installing, "again", T0.AddSeconds(3)));

        Assert.True(state.Failed);
        Assert.Equal("installing failed: again", state.LastError);
    }

    [Fact]
    public void A_unit_found_down_is_recorded_then_restarted_by_the_agent_after_the_backoff()
    {
        var state = RunningAndActive();

        state = Run(state, new UnitObserved(Seen("failed", status: 3), ["boom"], T0.AddSeconds(1)));
        Assert.True(state.Down);
        Assert.False(state.Active);
        Assert.StartsWith("unit is failed", state.LastError);
        Assert.Empty(state.Decide(new UnitObserved(Seen("failed", status: 3), ["boom"], T0.AddSeconds(1.5)), Settings));

        var events = state.Decide(new UnitObserved(Seen("failed", status: 3), ["boom"], T0.AddSeconds(2)), Settings);

        Assert.IsType<UnitRestartedByAgent>(Assert.Single(events));
        state = state.Apply(events[0]);
        Assert.Equal(1, state.Restarts);
        Assert.False(state.Down);
    }

    [Fact]
    public void Restarts_by_systemd_are_counted_once_even_when_seen_again()
    {
        var state = RunningAndActive();

        state = Run(state, new UnitObserved(Seen("active", restarts: 2), ["killed"], T0.AddSeconds(1)));
        state = Run(state, new UnitObserved(Seen("active", restarts: 2), [], T0.AddSeconds(2)));

        Assert.Equal(2, state.Restarts);
        Assert.True(state.Active);
        Assert.Contains("restarted by systemd", state.LastError);
    }

    [Fact]
    public void A_systemd_counter_reset_by_an_explicit_start_counts_only_new_restarts()
    {
        var state = RunningAndActive();
        state = Run(state, new UnitObserved(Seen("active", restarts: 4), [], T0.AddSeconds(1)));

        state = Run(state, new UnitObserved(Seen("active", restarts: 1), [], T0.AddSeconds(2)));

        Assert.Equal(5, state.ToStatus("nova-compute").Restarts); // the reset came after the unit was reported failed: counted, not journalled
    }

    [Fact]
    public void A_unit_that_keeps_failing_is_reported_failed_naming_where_its_journal_is()
    {
        var state = RunningAndActive();
        for (var i = 1; i <= 3; i++)
        {
            state = Run(state, new UnitObserved(Seen("failed", status: 1), [$"line {i}"], T0.AddSeconds(10 * i)));
            state = Run(state, new UnitObserved(Seen("failed", status: 1), [], T0.AddSeconds(10 * i + 9)));
        }

        Assert.True(state.Failed);
        Assert.Equal(3, state.Restarts);
        Assert.Contains("journalctl -u nova-compute.service", state.LastError);
        Assert.True(state.ToStatus("nova-compute").Failed);
    }

    /// <summary>
    /// A mask knows only the Secret's current values: a line logged before a password change holds the old one, and a
    /// token built from a secret (base64 of "user:password") matches none of its forms. So no journal line leaves the node
    /// in the status; the agent's own journal keeps them (masked) for the audit on the node.
    /// </summary>
    [Fact]
    public void Journal_lines_of_a_unit_that_went_down_or_was_restarted_stay_out_of_its_status()
    {
        var oldPassword = "connecting with password old-pa55word";
        var token = "Authorization: Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("nova:pa55word"));
        var state = RunningAndActive();

        var restarted = state.Decide(new UnitObserved(Seen("active", restarts: 1), [oldPassword, token], T0.AddSeconds(1)), Settings);
        state = restarted.Aggregate(state, (s, e) => s.Apply(e));
        var restartedStatus = state.ToStatus("nova-compute");
        var wentDown = state.Decide(new UnitObserved(Seen("failed", status: 1), [oldPassword, token], T0.AddSeconds(2)), Settings);
        state = wentDown.Aggregate(state, (s, e) => s.Apply(e));
        var downStatus = state.ToStatus("nova-compute");

        Assert.Equal([oldPassword, token], Assert.Single(restarted.OfType<UnitRestartedBySystemd>()).JournalTail);
        Assert.Equal([oldPassword, token], Assert.Single(wentDown.OfType<UnitWentDown>()).JournalTail);
        foreach (var status in new[] { restartedStatus, downStatus })
        {
            Assert.DoesNotContain("pa55word", status.LastError);
            Assert.DoesNotContain(token[^12..], status.LastError);
            Assert.Contains("journalctl -u nova-compute.service", status.LastError);
        }
    }

    [Fact]
    public void A_unit_reported_failed_that_systemd_keeps_restarting_is_counted_in_its_status_not_journalled_until_it_recovers()
    {
        var state = RunningAndActive();
        var events = new List<IUnitEvent>();
        UnitState Look(UnitState current, int nRestarts, bool active, double seconds)
        {
            var observed = new UnitObserved(Seen(active ? "active" : "activating", restarts: nRestarts), ["boom"], T0.AddSeconds(seconds));
            var decided = current.Decide(observed, Settings);
            events.AddRange(decided);
            return decided.Aggregate(current, (s, e) => s.Apply(e)).WithObservation(observed);
        }
        for (var n = 1; n <= Settings.GiveUpAfter; n++)
            state = Look(state, n, active: true, n);
        Assert.True(state.Failed);
        var recordedWhenFailed = events.Count;

        for (var n = Settings.GiveUpAfter + 1; n <= 500; n++)
            state = Look(state, n, active: n % 2 == 0, n);

        Assert.Equal(recordedWhenFailed, events.Count);
        var status = state.ToStatus("nova-compute");
        Assert.Equal(500, status.Restarts);
        Assert.Contains("NRestarts 500", status.LastError);
        Assert.True(status.Failed);

        state = Look(state, 500, active: true, 500 + Settings.StableAfter.TotalSeconds);
        Assert.Equal(
            [typeof(UnitRestartedBySystemd), typeof(UnitBecameActive), typeof(UnitRecovered)],
            events.Skip(recordedWhenFailed).Select(e => e.GetType()));
        Assert.Equal(new HostUnitStatus("nova-compute", true, true, false, 500, "hash-1", null), state.ToStatus("nova-compute"));
    }

    [Fact]
    public void Files_edited_or_removed_on_the_host_are_installed_again_naming_what_drifted()
    {
        var state = RunningAndActive();

        var events = state.Decide(new UnitObserved(Seen("active"), [], T0.AddSeconds(1),
            ["etc/nova-compute/nova.conf edited", "etc/nova-compute/db-password removed"]), Settings);

        var started = Assert.IsType<UnitInstallStarted>(Assert.Single(events));
        Assert.Equal("drift on the host: etc/nova-compute/nova.conf edited, etc/nova-compute/db-password removed", started.Cause);
        Assert.Equal(UnitPhase.Installing, state.Apply(started).Phase);
        Assert.Empty(state.Decide(new UnitObserved(Seen("active"), [], T0.AddSeconds(2), []), Settings));
    }

    [Fact]
    public void A_unit_whose_file_vanished_from_the_host_is_installed_again()
    {
        var state = RunningAndActive();

        var events = state.Decide(new UnitObserved(new UnitObservation("not-found", "inactive", "dead", 0, 0), [], T0.AddSeconds(1)), Settings);

        Assert.Equal("unit file gone from the host", Assert.IsType<UnitInstallStarted>(Assert.Single(events)).Cause);
    }

    [Fact]
    public void Running_long_enough_forgives_earlier_failures()
    {
        var state = RunningAndActive();
        state = Run(state, new UnitObserved(Seen("failed"), [], T0.AddSeconds(1)));
        state = Run(state, new UnitObserved(Seen("failed"), [], T0.AddSeconds(3)));
        state = Run(state, new UnitObserved(Seen("active"), [], T0.AddSeconds(4)));
        Assert.Equal(1, state.Failures);

        state = Run(state, new UnitObserved(Seen("active"), [], T0.AddSeconds(40)));

        Assert.Equal(0, state.Failures);
        Assert.Null(state.LastError);
    }

    [Fact]
    public void Removal_stops_watching_and_ends_removed_and_a_second_removal_decides_nothing()
    {
        var state = RunningAndActive();

        state = Run(state, new RemoveUnit("no longer in HostUnits"));
        Assert.Equal(UnitPhase.Removing, state.Phase);
        Assert.Empty(state.Decide(new UnitObserved(Seen("failed"), [], T0), Settings));
        Assert.Empty(state.Decide(new RemoveUnit("again"), Settings));
        state = Run(state, new StepSucceeded(UnitPhase.Removing, null));

        Assert.Equal(UnitPhase.Removed, state.Phase);
        Assert.False(state.ToStatus("nova-compute").Installed);
    }

    [Fact]
    public void A_unit_listed_again_while_being_removed_is_installed_again()
    {
        var state = Run(RunningAndActive(), new RemoveUnit("gone"));

        state = Run(state, new ConvergeUnit(Spec()));

        Assert.Equal(UnitPhase.Installing, state.Phase);
        Assert.Empty(state.Decide(new StepSucceeded(UnitPhase.Removing, null), Settings));
    }

    [Fact]
    public void Waiting_for_inputs_is_recorded_once_per_reason_keeps_the_running_hash_and_is_not_a_failure()
    {
        var state = RunningAndActive("hash-1");
        state = Run(state, new ConvergeUnit(Spec("hash-2")));
        var waiting = new StepWaiting(UnitPhase.Installing, "hash-2", "waiting for ConfigMap nova-compute-etc to carry hash 9c1d (has 3f2a)", T0);

        Assert.Single(state.Decide(waiting, Settings));
        state = Run(state, waiting);
        Assert.Empty(state.Decide(waiting with { At = T0.AddMinutes(5) }, Settings)); // the same wait adds nothing
        Assert.Single(state.Decide(waiting with { Reason = "waiting for Secret nova-compute-secrets to carry hash 1 (has 2)" }, Settings));
        Assert.Empty(state.Decide(waiting with { Hash = "hash-1" }, Settings)); // a stale step's report counts for nothing

        var status = state.ToStatus("nova-compute");
        Assert.Equal("hash-1", status.ObservedHash);
        Assert.False(status.Failed);
        Assert.StartsWith("waiting for ConfigMap nova-compute-etc", status.LastError);
        Assert.True(state.StepDue(T0)); // read again at the next tick

        state = Run(state, new StepSucceeded(UnitPhase.Installing, "hash-2"));
        Assert.Null(state.ToStatus("nova-compute").LastError);
    }
}
