using Orchestrator.Messages.Spec;

namespace Orchestrator.Messages.Deployments;

/// <summary>What happened to the deployment as a whole, persisted in the coordinator's journal.</summary>
public interface IDeploymentEvent
{
    string Deployment { get; }
    string Cause { get; }
    DateTimeOffset At { get; }
}

/// <summary>One service as the coordinator plans it: its kind and what it waits for.</summary>
public sealed record PlannedService(string Name, ServiceKind Kind, IReadOnlyList<string> DependsOn);

public sealed record PlannedNode(string Name, IReadOnlyList<string> Roles);

/// <summary>
/// A deployment spec was accepted; <see cref="SpecHash"/> covers every field, secrets included, as a hash only.
/// <see cref="Namespace"/> came with manifest v2: a v1 event (written before it) reads back with null, since a v1
/// journal never recorded it (so `audit --deployment` matches such a journal by name alone).
/// </summary>
public sealed record DeploymentAccepted(
    string Deployment,
    string SpecHash,
    IReadOnlyList<PlannedService> Services,
    IReadOnlyList<PlannedNode> Nodes,
    string Cause,
    DateTimeOffset At,
    string? Namespace = null) : IDeploymentEvent;

public sealed record DeploymentStatusChanged(
    string Deployment,
    DeploymentStatus Status,
    string? Reason,
    string Cause,
    DateTimeOffset At) : IDeploymentEvent;

/// <summary>
/// A host service's objects are written, so from now on its nodes list its unit. Persisted, so that a restarted
/// coordinator never hands its nodes a HostUnits without units they already run (which would be a write, and a
/// stop of those units, on every restart).
/// </summary>
public sealed record HostServiceReleased(
    string Deployment,
    string Service,
    string Cause,
    DateTimeOffset At) : IDeploymentEvent;
