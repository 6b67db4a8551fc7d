using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Messages.Deployments;

/// <summary>Asks the coordinator for a <see cref="DeploymentStatusResult"/>.</summary>
public sealed record GetDeploymentStatus : IClusterMessage;

/// <summary>
/// Where a deployment stands. <see cref="ObservedGeneration"/> is the OpenStackDeployment generation the
/// coordinator last acted on (null before it saw the object), so that `apply` waits for the spec it wrote.
/// <see cref="Member"/> is the address of the cluster member the coordinator runs on.
/// </summary>
public sealed record DeploymentStatusResult(
    string? Deployment,
    DeploymentStatus Status,
    string? Reason,
    IReadOnlyList<ServiceStatusReport> Services,
    IReadOnlyList<NodeStatusReport> Nodes,
    long? ObservedGeneration = null,
    string? Member = null) : IClusterMessage;

/// <summary>The objects the whole deployment shares (namespace, TLS secret, agent DaemonSet) are written for this spec.</summary>
/// <remarks>Pruned names the objects of removed services that were deleted ("deployment glance-api").</remarks>
public sealed record RecordSharedObjectsApplied(string SpecHash, int Writes, DateTimeOffset At, IReadOnlyList<string>? Pruned = null);

/// <summary>Writing the shared objects failed; retried with backoff, and reported once it keeps failing.</summary>
public sealed record RecordSharedObjectsFailure(string Reason, int ConsecutiveFailures, bool Permanent, DateTimeOffset At);
