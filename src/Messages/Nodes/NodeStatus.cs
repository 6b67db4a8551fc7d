namespace Orchestrator.Messages.Nodes;

/// <summary>Where a node stands: labelled and its host units written, then Ready once its agent runs them all.</summary>
public enum NodeStatus
{
    Pending,
    Converging,
    Ready,
    Degraded,
}
