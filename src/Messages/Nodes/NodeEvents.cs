namespace Orchestrator.Messages.Nodes;

/// <summary>What happened to a node, persisted in its journal, each with the cause that decided it.</summary>
public interface INodeEvent : IWithNodeName
{
    string Cause { get; }
    DateTimeOffset At { get; }
}

/// <summary>
/// The node's desired roles or units changed. <see cref="Units"/> maps each unit to the hash the agent must
/// report before the node counts as Ready.
/// </summary>
public sealed record NodeSpecChanged(
    string NodeName,
    IReadOnlyList<string> Roles,
    string SpecHash,
    IReadOnlyDictionary<string, string> Units,
    string Cause,
    DateTimeOffset At) : INodeEvent;

public sealed record NodeLabelled(string NodeName, string SpecHash, string Cause, DateTimeOffset At) : INodeEvent;

public sealed record NodeHostUnitsWritten(string NodeName, string SpecHash, string Cause, DateTimeOffset At) : INodeEvent;

public sealed record NodeBecameReady(string NodeName, string Cause, DateTimeOffset At) : INodeEvent;

/// <summary>Back to converging: a unit is not yet active with its current hash.</summary>
public sealed record NodeConverging(string NodeName, string Cause, DateTimeOffset At) : INodeEvent;

public sealed record NodeDegraded(string NodeName, string Reason, string Cause, DateTimeOffset At) : INodeEvent;
