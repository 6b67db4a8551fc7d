using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// The pure state of one host unit: Decide turns a command into events, Apply folds an event in. The
/// UnitSupervisor persists the events and only then acts, so a replay after a kill resumes the same phase.
/// </summary>
public sealed record UnitState
{
    public static readonly UnitState Empty = new();

    public HostUnitSpec? Desired { get; init; }
    public UnitPhase Phase { get; init; } = UnitPhase.Absent;

    /// <summary>The hash whose files were installed and then started: what the unit really runs.</summary>
    public string? RunningHash { get; init; }

    public bool Active { get; init; }

    /// <summary>Recorded down and not restarted since.</summary>
    public bool Down { get; init; }

    public bool Failed { get; init; }
    public int Restarts { get; init; }
    public int Failures { get; init; }
    public int StepAttempts { get; init; }
    public int SystemdRestartBaseline { get; init; }
    public string? LastError { get; init; }

    /// <summary>
    /// What the last look saw of a unit already reported failed while systemd keeps restarting it (Restart=): its
    /// NRestarts, whether it was active, and since when without a restart. Not journalled: every restart of a crash
    /// loop would be an event, so the count lives here and in the status (persisted base plus what systemd counts),
    /// and a replay gets it back from systemd's own NRestarts at the next look.
    /// </summary>
    public int? SeenNRestarts { get; init; }
    public bool SeenActive { get; init; }
    public DateTimeOffset? SeenActiveSince { get; init; }

    /// <summary>Why the install waits for its ConfigMap or Secret (null when it does not).</summary>
    public string? Waiting { get; init; }
    public DateTimeOffset? ActiveSince { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Whether the current phase's side effect should run now.</summary>
    public bool StepDue(DateTimeOffset now) =>
        Phase is UnitPhase.Installing or UnitPhase.Starting or UnitPhase.Removing && (NextAttemptAt is null || now >= NextAttemptAt);

    public HostUnitStatus ToStatus(string name)
    {
        if (!CountingQuietly || SeenNRestarts is not { } seen || seen == SystemdRestartBaseline)
            return new(name, RunningHash is not null, Active, Failed, Restarts, RunningHash, LastError);
        return new(name, RunningHash is not null, SeenActive, Failed, Restarts + Added(seen), RunningHash,
            Describe($"restarted by systemd (NRestarts {seen})"));
    }

    /// <summary>Reported failed and restarted by systemd alone: its restarts are counted in the state, not journalled.</summary>
    private bool CountingQuietly => Failed && !Down && Phase == UnitPhase.Running;

    /// <summary>Restarts since the baseline; an explicit start resets NRestarts to 0, so a lower value counts from that reset.</summary>
    private int Added(int nRestarts) => nRestarts > SystemdRestartBaseline ? nRestarts - SystemdRestartBaseline : nRestarts;

    /// <summary>
    /// Folds in what a look saw, outside the journal (see <see cref="SeenNRestarts"/>); the UnitSupervisor calls it after
    /// each observation, once the events it decided are handed to the journal.
    /// </summary>
    public UnitState WithObservation(UnitObserved observed)
    {
        var seen = observed.Observation;
        var sameRun = seen.IsActive && SeenActive && seen.NRestarts == SeenNRestarts;
        return this with
        {
            SeenNRestarts = seen.NRestarts,
            SeenActive = seen.IsActive,
            SeenActiveSince = sameRun ? SeenActiveSince : seen.IsActive ? observed.At : null,
        };
    }

    public IReadOnlyList<IUnitEvent> Decide(object command, UnitSettings settings) => command switch
    {
        ConvergeUnit converge => DecideConverge(converge.Spec),
        RemoveUnit remove => Phase is UnitPhase.Absent or UnitPhase.Removed or UnitPhase.Removing ? [] : [new UnitRemovalStarted(remove.Cause)],
        StepSucceeded done => DecideStepSucceeded(done),
        StepWaiting waiting when waiting.Phase == Phase && Phase == UnitPhase.Installing && waiting.Hash == Desired?.Hash
            && waiting.Reason != Waiting => [new UnitWaitingForInputs(waiting.Hash, waiting.Reason, waiting.At)],
        StepFailed failed when failed.Phase == Phase && Phase != UnitPhase.Running => DecideStepFailed(failed, settings),
        UnitObserved observed when Phase == UnitPhase.Running => DecideObserved(observed, settings),
        _ => [],
    };

    public UnitState Apply(IUnitEvent @event) => @event switch
    {
        UnitInstallStarted e => this with
        {
            Desired = e.Spec, Phase = UnitPhase.Installing, StepAttempts = 0, NextAttemptAt = null,
            Failures = 0, Failed = false, LastError = null, Waiting = null,
        },
        UnitWaitingForInputs e => this with { Waiting = e.Reason, LastError = e.Reason },
        UnitFilesInstalled => this with { Phase = UnitPhase.Starting, StepAttempts = 0, NextAttemptAt = null, Waiting = null, LastError = null },
        UnitStarted e => this with
        {
            Phase = UnitPhase.Running, RunningHash = e.Hash, Active = false, Down = false, StepAttempts = 0,
            NextAttemptAt = null, SystemdRestartBaseline = 0, ActiveSince = null, LastError = null,
        },
        UnitStepFailed e => this with
        {
            StepAttempts = e.Attempt, NextAttemptAt = e.RetryAt, LastError = e.Error, Failed = Failed || e.GaveUp,
        },
        UnitBecameActive e => this with { Active = true, Down = false, ActiveSince = e.At },
        UnitWentDown e => this with
        {
            Active = false, Down = true, Failures = Failures + 1, NextAttemptAt = e.RestartAt, ActiveSince = null,
            LastError = Describe($"unit is {e.Observed}"), Failed = Failed || e.GaveUp,
        },
        UnitRestartedBySystemd e => this with
        {
            SystemdRestartBaseline = e.NRestarts, Restarts = Restarts + e.Added, Failures = Failures + e.Added,
            Active = e.Added > 0 ? false : Active, ActiveSince = e.Added > 0 ? null : ActiveSince,
            LastError = e.Added > 0 ? Describe($"restarted by systemd (NRestarts {e.NRestarts})") : LastError,
            Failed = Failed || e.GaveUp,
        },
        UnitRestartedByAgent => this with { Restarts = Restarts + 1, Down = false, SystemdRestartBaseline = 0, ActiveSince = null },
        UnitRecovered e => this with { Failures = 0, Failed = false, LastError = null, ActiveSince = e.At },
        UnitRemovalStarted => this with { Phase = UnitPhase.Removing, StepAttempts = 0, NextAttemptAt = null },
        UnitRemoved => Empty with { Phase = UnitPhase.Removed },
        _ => this,
    };

    private IReadOnlyList<IUnitEvent> DecideConverge(HostUnitSpec spec)
    {
        var live = Phase is UnitPhase.Installing or UnitPhase.Starting or UnitPhase.Running;
        if (live && Desired?.Hash == spec.Hash)
            return [];
        var cause = live && Desired is not null
            ? $"hash {Short(Desired.Hash)} -> {Short(spec.Hash)}"
            : $"new unit, hash {Short(spec.Hash)}";
        return [new UnitInstallStarted(spec, cause)];
    }

    private IReadOnlyList<IUnitEvent> DecideStepSucceeded(StepSucceeded done)
    {
        if (done.Phase != Phase)
            return [];
        return Phase switch
        {
            UnitPhase.Installing when done.Hash == Desired?.Hash => [new UnitFilesInstalled(done.Hash!)],
            UnitPhase.Starting when done.Hash == Desired?.Hash => [new UnitStarted(done.Hash!,
                RunningHash is null ? "enabled and started" : $"restarted for hash {Short(done.Hash!)}")],
            UnitPhase.Removing => [new UnitRemoved(Desired?.Name ?? "")],
            _ => [],
        };
    }

    private IReadOnlyList<IUnitEvent> DecideStepFailed(StepFailed failed, UnitSettings settings)
    {
        var attempt = StepAttempts + 1;
        return [new UnitStepFailed(Phase, $"{Phase.ToString().ToLowerInvariant()} failed: {failed.Error}", attempt,
            failed.At + settings.Backoff(attempt), attempt >= settings.GiveUpAfter)];
    }

    private IReadOnlyList<IUnitEvent> DecideObserved(UnitObserved observed, UnitSettings settings)
    {
        var events = new List<IUnitEvent>();
        var state = this;
        void Add(IUnitEvent e)
        {
            events.Add(e);
            state = state.Apply(e);
        }

        var seen = observed.Observation;
        if (seen.LoadState == "not-found" && Desired is not null)
            return [new UnitInstallStarted(Desired, "unit file gone from the host")]; // level-triggered: put it back
        if (observed.Drift is { Count: > 0 } drift && Desired is not null)
            return [new UnitInstallStarted(Desired, "drift on the host: " + string.Join(", ", drift))];
        if (CountingQuietly && !seen.IsDown)
            return DecideQuietly(observed, settings);
        var added = 0;
        if (seen.NRestarts != SystemdRestartBaseline)
        {
            // An explicit start resets NRestarts to 0; a value below the last one counts from that reset.
            added = seen.NRestarts > SystemdRestartBaseline ? seen.NRestarts - SystemdRestartBaseline : seen.NRestarts;
            Add(new UnitRestartedBySystemd(seen.NRestarts, added, observed.JournalTail,
                state.Failures + added >= settings.GiveUpAfter, observed.At));
        }

        if (seen.IsActive)
        {
            if (!state.Active)
                Add(new UnitBecameActive(observed.At));
            else if (state.Failures > 0 && added == 0 && state.ActiveSince is { } since && observed.At - since >= settings.StableAfter)
                Add(new UnitRecovered(observed.At));
        }
        else if (seen.IsDown)
        {
            if (!state.Down)
                Add(new UnitWentDown(seen.Describe(), observed.JournalTail, observed.At + settings.Backoff(state.Failures + 1),
                    state.Failures + 1 >= settings.GiveUpAfter, observed.At));
            else if (observed.At >= state.NextAttemptAt)
                Add(new UnitRestartedByAgent(state.Failures, observed.At));
        }
        return events;
    }

    /// <summary>
    /// What the status says of a unit that went down: never its journal lines. HostUnits is cluster-scoped and read by
    /// more people than the Secrets are, and no mask can be complete (a line from before a password change holds the
    /// old value, which the current Secret no longer names); the masked lines stay in the agent's own journal on the node.
    /// </summary>
    /// <summary>
    /// A unit already reported failed that systemd keeps restarting: nothing is journalled until it changes meaningfully,
    /// that is, it stays up for StableAfter without a restart (then the restarts so far are recorded with its recovery).
    /// Going down for good (systemd gave up) is decided on the usual path.
    /// </summary>
    private IReadOnlyList<IUnitEvent> DecideQuietly(UnitObserved observed, UnitSettings settings)
    {
        var seen = observed.Observation;
        var upSince = WithObservation(observed).SeenActiveSince;
        if (!seen.IsActive || upSince is not { } since || observed.At - since < settings.StableAfter)
            return [];
        var events = new List<IUnitEvent>();
        if (seen.NRestarts != SystemdRestartBaseline)
            events.Add(new UnitRestartedBySystemd(seen.NRestarts, Added(seen.NRestarts), observed.JournalTail, false, observed.At));
        events.Add(new UnitBecameActive(since));
        events.Add(new UnitRecovered(observed.At));
        return events;
    }

    private string Describe(string what) =>
        Desired is null ? what : $"{what}; its journal: journalctl -u {Desired.Name}.service on the node";

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
