using Orchestrator.Messages.Spec;

namespace Orchestrator.Messages.Deployments;

/// <summary>
/// The OpenStackDeployment object as a watch last saw it, sent to its coordinator on every change and resync. The
/// coordinator starts work only when <see cref="Generation"/>, the pause annotation or the deletion moved (so its
/// own status writes never trigger work). <see cref="Deployment"/> is the spec read by the same reader and validator
/// as `validate`; when it is invalid, <see cref="Errors"/> holds every error as `path: reason`.
/// </summary>
public sealed record ReconcileDeployment(
    DeploymentKey Key,
    string Uid,
    long Generation,
    bool Paused,
    bool Deleting,
    IReadOnlyList<string> Finalizers,
    OpenStackDeployment? Deployment,
    IReadOnlyList<string> Errors,
    DeploymentResourceStatus? ObservedStatus,
    DateTimeOffset At) : IClusterMessage
{
    /// <summary>What starts work: a new object, a new spec generation, pause or resume, a deletion.</summary>
    public bool SameWorkAs(ReconcileDeployment? other) =>
        other is not null && other.Uid == Uid && other.Generation == Generation && other.Paused == Paused && other.Deleting == Deleting;
}

/// <summary>The OpenStackDeployment object is gone from the cluster (its finalizer was removed, or it never had one).</summary>
public sealed record DeploymentRemoved(DeploymentKey Key) : IClusterMessage;
