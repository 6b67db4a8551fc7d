using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Actors.Agent;

/// <summary>What the HostSupervisor decided about the node's set of units, persisted with its cause.</summary>
public interface IHostEvent;

public sealed record HostUnitDesired(HostUnitSpec Spec, string Cause) : IHostEvent
{
    public override string ToString() => $"unit {Spec.Name} desired, hash {Spec.Hash} ({Cause})";
}

/// <summary>A unit in the HostUnits object that the agent will not touch (a hostile or broken entry).</summary>
public sealed record HostUnitRefused(string Name, string Reason) : IHostEvent;

public sealed record HostUnitRefusalCleared(string Name) : IHostEvent;

public sealed record HostUnitRemovalRequested(string Name, string Cause) : IHostEvent;

public sealed record HostUnitForgotten(string Name) : IHostEvent;

/// <summary>The node's HostUnits spec as last observed (null: the object is gone, so nothing should run).</summary>
public sealed record DesiredUnitsObserved(HostUnitsSpec? Spec);

/// <summary>A UnitSupervisor finished removing its unit.</summary>
public sealed record UnitRemovalFinished(string Name);
