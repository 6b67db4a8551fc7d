using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>
/// What happened to one host unit, persisted in the agent's journal before it is acted on. Each carries its
/// cause for the audit timeline. None carries a secret: a spec holds only names and hashes, and journal
/// lines are masked before they reach an event.
/// </summary>
public interface IUnitEvent;

public sealed record UnitInstallStarted(HostUnitSpec Spec, string Cause) : IUnitEvent
{
    /// <summary>For the log: the unit text and the ports stay in the journal, not in every log line.</summary>
    public override string ToString() => $"install started, hash {Spec.Hash} ({Cause})";
}

public sealed record UnitFilesInstalled(string Hash) : IUnitEvent;

/// <summary>
/// The unit's inputs did not hold the content its hash names, so nothing was installed; the agent re-reads them on
/// each tick. Persisted once per distinct reason, so a long wait adds one event, not one per look.
/// </summary>
public sealed record UnitWaitingForInputs(string Hash, string Reason, DateTimeOffset At) : IUnitEvent;

public sealed record UnitStarted(string Hash, string Cause) : IUnitEvent;

public sealed record UnitStepFailed(UnitPhase Phase, string Error, int Attempt, DateTimeOffset RetryAt, bool GaveUp) : IUnitEvent;

public sealed record UnitBecameActive(DateTimeOffset At) : IUnitEvent;

public sealed record UnitWentDown(string Observed, IReadOnlyList<string> JournalTail, DateTimeOffset RestartAt, bool GaveUp, DateTimeOffset At) : IUnitEvent
{
    public override string ToString() => $"went down: {Observed}; restart at {RestartAt:O}{(GaveUp ? "; reported failed" : "")}";
}

/// <summary>systemd restarted the unit by itself (Restart=): NRestarts moved from the last value seen.</summary>
public sealed record UnitRestartedBySystemd(int NRestarts, int Added, IReadOnlyList<string> JournalTail, bool GaveUp, DateTimeOffset At) : IUnitEvent
{
    public override string ToString() => $"restarted by systemd: NRestarts {NRestarts} (+{Added}){(GaveUp ? "; reported failed" : "")}";
}

public sealed record UnitRestartedByAgent(int Attempt, DateTimeOffset At) : IUnitEvent;

/// <summary>Active long enough without a restart: the failures so far are forgiven.</summary>
public sealed record UnitRecovered(DateTimeOffset At) : IUnitEvent;

public sealed record UnitRemovalStarted(string Cause) : IUnitEvent;

public sealed record UnitRemoved(string Name) : IUnitEvent;
