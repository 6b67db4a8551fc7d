namespace Orchestrator.Messages.Services;

/// <summary>
/// What the cluster says about a service's Deployment or StatefulSet, reduced to the numbers readiness needs,
/// so that the decision is a pure function of plain values.
/// </summary>
public sealed record WorkloadObservation(
    WorkloadKind Kind,
    string Name,
    long Generation,
    long ObservedGeneration,
    int DesiredReplicas,
    int Replicas,
    int UpdatedReplicas,
    int ReadyReplicas,
    int AvailableReplicas,
    string? CurrentRevision,
    string? UpdateRevision,
    string? TemplateConfigHash);

public enum WorkloadKind
{
    Deployment,
    StatefulSet,
}

/// <summary>One pod of a service: enough to tell a crash loop from a pod that is still starting.</summary>
public sealed record PodObservation(string Name, bool Ready, int Restarts, string? WaitingReason);

/// <summary>One node's report of a host service's unit, as its agent wrote it in the HostUnits status.</summary>
public sealed record HostUnitObservation(
    string Node,
    bool Installed,
    bool Active,
    bool Failed,
    int Restarts,
    string? ObservedHash,
    string? LastError);
