using Orchestrator.Messages.Spec;

namespace Orchestrator.Messages.Services;

/// <summary>The watchers' level-triggered snapshot of a container service: its workload (null when absent) and every pod.</summary>
public sealed record ObserveWorkload(
    string ServiceName,
    WorkloadObservation? Workload,
    IReadOnlyList<PodObservation> Pods,
    DateTimeOffset At) : IWithServiceName, IClusterMessage;

/// <summary>The watchers' snapshot of a host service: its unit as reported by every node that holds it.</summary>
public sealed record ObserveHostUnits(
    string ServiceName,
    IReadOnlyList<HostUnitObservation> Units,
    DateTimeOffset At) : IWithServiceName, IClusterMessage;

/// <summary>Asks a service for its <see cref="ServiceStatusReport"/>.</summary>
public sealed record GetServiceStatus(string ServiceName) : IWithServiceName, IClusterMessage;

/// <summary>A service's state, sent to the coordinator on every change and on request.</summary>
public sealed record ServiceStatusReport(
    string ServiceName,
    ServiceKind Kind,
    ServiceStatus Status,
    string? Reason,
    DateTimeOffset Since) : IClusterMessage;

/// <summary>The service's applier wrote (or found unchanged) every object rendered for <see cref="SpecHash"/>.</summary>
/// <remarks>Drift names each object that had to be written and what differed ("deployment keystone: spec.replicas 1 -> 2").</remarks>
public sealed record RecordObjectsApplied(string ServiceName, string SpecHash, int Writes, DateTimeOffset At, IReadOnlyList<string>? Drift = null) : IWithServiceName, IClusterMessage;

/// <summary>
/// The applier failed. A transient failure is retried with backoff and degrades the service once it has
/// happened <see cref="ConsecutiveFailures"/> times in a row; a permanent one (the API refuses the object) fails it.
/// </summary>
public sealed record RecordApplyFailure(
    string ServiceName,
    string Reason,
    int ConsecutiveFailures,
    bool Permanent,
    DateTimeOffset At) : IWithServiceName, IClusterMessage;

/// <summary>The deployment is paused (or resumed): while paused the service writes nothing, an apply under way included.</summary>
public sealed record PauseServiceWrites(string ServiceName, bool Paused) : IWithServiceName, IClusterMessage;
