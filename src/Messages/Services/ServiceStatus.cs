namespace Orchestrator.Messages.Services;

/// <summary>Where a service stands in its life: DESIGN.md's state machine.</summary>
public enum ServiceStatus
{
    Pending,
    WaitingForDependencies,
    Applying,
    RollingOut,
    Ready,
    Degraded,
    Failed,
}
