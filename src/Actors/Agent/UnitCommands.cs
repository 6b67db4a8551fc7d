using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>The HostSupervisor wants this spec running (a new unit or a new hash).</summary>
public sealed record ConvergeUnit(HostUnitSpec Spec);

/// <summary>The unit left the node's HostUnits: stop, disable, remove its files and rules.</summary>
public sealed record RemoveUnit(string Cause);

/// <summary>The side effect of a phase finished (install files, start, remove).</summary>
public sealed record StepSucceeded(UnitPhase Phase, string? Hash);

public sealed record StepFailed(UnitPhase Phase, string Error, DateTimeOffset At);

/// <summary>
/// What `systemctl show` said, with the masked journal tail when the unit was not simply running, and what of its
/// installed files the host no longer holds as installed (<see cref="Drift"/>: paths, never content).
/// </summary>
public sealed record UnitObserved(UnitObservation Observation, IReadOnlyList<string> JournalTail, DateTimeOffset At, IReadOnlyList<string>? Drift = null);

/// <summary>The install step found the ConfigMap or Secret not (yet) holding the content the spec names.</summary>
public sealed record StepWaiting(UnitPhase Phase, string Hash, string Reason, DateTimeOffset At);
