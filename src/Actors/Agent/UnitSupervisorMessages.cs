using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>A UnitSupervisor's report to its HostSupervisor, sent whenever its state changed.</summary>
public sealed record UnitStatusReported(string Name, HostUnitStatus Status);

/// <summary>
/// A UnitSupervisor (re)started and replayed its journal: the HostSupervisor answers with what it wants of the
/// unit, so an order sent while the unit was waiting out a backoff is never lost.
/// </summary>
public sealed record UnitSupervisorStarted(string Name);

/// <summary>The timer of a UnitSupervisor: run the due step, or look at the unit.</summary>
internal sealed record UnitTick
{
    public static readonly UnitTick Instance = new();
}

/// <summary>
/// An install step finished; the secret mask it built, and the files it installed (what the host must keep holding),
/// stay in memory only.
/// </summary>
internal sealed record InstallFinished(object Outcome, SecretMask? Mask, IReadOnlyList<ConfigFile>? Installed = null);

/// <summary>An observation finished (null when systemctl could not answer), with the verified files it compared the host with.</summary>
internal sealed record ObservationFinished(UnitObserved? Observed, SecretMask? Mask, string? Error, IReadOnlyList<ConfigFile>? Installed = null);

/// <summary>The agent's own restart of a down unit finished.</summary>
internal sealed record RestartFinished(string? Error);
