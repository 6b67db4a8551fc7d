using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Services;

/// <summary>
/// The service supervisor's whole state, immutable. <see cref="Decide(DesiredService)"/> and its overloads turn a
/// command into the events it causes; <see cref="Apply"/> folds one event in. Neither reads a clock or does I/O.
/// </summary>
public sealed record ServiceState(
    string ServiceName,
    ServiceKind Kind,
    ServiceStatus Status,
    string? Reason,
    string SpecHash,
    string ConfigHash,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> ExpectedNodes,
    IReadOnlyList<string> WaitingFor,
    string? AppliedSpecHash,
    DateTimeOffset Since)
{
    /// <summary>Transient apply failures in a row after which the service counts as Degraded (it keeps retrying).</summary>
    public const int FailuresBeforeDegraded = 3;

    public static ServiceState Empty(string serviceName) => new(serviceName, ServiceKind.Api, ServiceStatus.Pending, null,
        "", "", new Dictionary<string, string>(), [], [], null, DateTimeOffset.MinValue);

    /// <summary>True while the objects of the current spec still have to be written: the actor runs its applier.</summary>
    public bool NeedsApply => Status is ServiceStatus.Applying or ServiceStatus.Degraded && AppliedSpecHash != SpecHash && SpecHash != "";

    public ServiceStatusReport Report() => new(ServiceName, Kind, Status, Reason, Since);

    public IReadOnlyList<IServiceEvent> Decide(DesiredService desired)
    {
        var events = new List<IServiceEvent>();
        var state = this;
        if (desired.SpecHash != SpecHash)
        {
            var changed = new ServiceSpecChanged(ServiceName, desired.Kind, desired.SpecHash, desired.ConfigHash,
                desired.Files, desired.ExpectedNodes, SpecChangeCause(desired), desired.At);
            events.Add(changed);
            state = state.Apply(changed);
        }
        var mustApply = state.AppliedSpecHash != state.SpecHash;
        if (!mustApply || (state.Status == ServiceStatus.Failed && desired.SpecHash == SpecHash))
            return events;

        if (desired.WaitingFor.Count > 0)
        {
            if (state.Status != ServiceStatus.WaitingForDependencies || !state.WaitingFor.SequenceEqual(desired.WaitingFor))
                events.Add(new ServiceWaitingForDependencies(ServiceName, desired.WaitingFor,
                    "dependencies not ready: " + string.Join(", ", desired.WaitingFor), desired.At));
        }
        else if (state.Status != ServiceStatus.Applying && !(state.Status == ServiceStatus.Degraded && desired.SpecHash == SpecHash))
        {
            var cause = state.Status == ServiceStatus.WaitingForDependencies
                ? "dependencies ready: " + string.Join(", ", state.WaitingFor)
                : $"spec hash {WorkloadReadiness.Short(state.AppliedSpecHash)} -> {WorkloadReadiness.Short(state.SpecHash)}";
            events.Add(new ServiceApplyStarted(ServiceName, state.SpecHash, cause, desired.At));
        }
        return events;
    }

    /// <summary>
    /// The first apply of a spec moves the service to RollingOut. A later check of the same spec that still had to
    /// write something found drift (an object deleted or changed behind our back): the service rolls out again.
    /// </summary>
    public IReadOnlyList<IServiceEvent> Decide(RecordObjectsApplied applied)
    {
        if (applied.SpecHash != SpecHash || Status == ServiceStatus.Failed)
            return [];
        if (AppliedSpecHash != SpecHash)
            return [new ServiceObjectsApplied(ServiceName, applied.SpecHash, applied.Writes,
                $"{applied.Writes} object(s) written for spec hash {WorkloadReadiness.Short(applied.SpecHash)}", applied.At)];
        if (applied.Writes == 0)
            return [];
        var what = applied.Drift is { Count: > 0 } drift ? ": " + string.Join(" | ", drift) : "";
        return [new ServiceObjectsApplied(ServiceName, applied.SpecHash, applied.Writes,
            $"drift: {applied.Writes} object(s) differed from spec hash {WorkloadReadiness.Short(applied.SpecHash)} and were rewritten{what}", applied.At)];
    }

    public IReadOnlyList<IServiceEvent> Decide(RecordApplyFailure failure)
    {
        if (failure.Permanent)
            return Status == ServiceStatus.Failed ? [] :
                [new ServiceFailed(ServiceName, failure.Reason, "the API refused an object", failure.At)];
        if (failure.ConsecutiveFailures < FailuresBeforeDegraded || Status == ServiceStatus.Degraded || !NeedsApply)
            return [];
        return [new ServiceDegraded(ServiceName, "apply failing: " + failure.Reason,
            $"{failure.ConsecutiveFailures} failed attempts in a row", failure.At)];
    }

    public IReadOnlyList<IServiceEvent> Decide(ObserveWorkload observed) =>
        Kind == ServiceKind.Host ? [] : FromReadiness(WorkloadReadiness.Evaluate(observed.Workload, observed.Pods, ConfigHash), observed.At);

    public IReadOnlyList<IServiceEvent> Decide(ObserveHostUnits observed) =>
        Kind != ServiceKind.Host ? [] : FromReadiness(HostServiceReadiness.Evaluate(ExpectedNodes, observed.Units, ConfigHash), observed.At);

    /// <summary>Observations only move a service whose objects are written: before that, what runs is not ours yet.</summary>
    private IReadOnlyList<IServiceEvent> FromReadiness(Readiness readiness, DateTimeOffset at)
    {
        if (Status is not (ServiceStatus.RollingOut or ServiceStatus.Ready or ServiceStatus.Degraded) || AppliedSpecHash != SpecHash)
            return [];
        return readiness.Verdict switch
        {
            ReadinessVerdict.Ready when Status != ServiceStatus.Ready => [new ServiceBecameReady(ServiceName, readiness.Reason, at)],
            ReadinessVerdict.Progressing when Status != ServiceStatus.RollingOut => [new ServiceRollingOut(ServiceName, readiness.Reason, at)],
            ReadinessVerdict.Broken when Status != ServiceStatus.Degraded => [new ServiceDegraded(ServiceName, readiness.Reason, "observed", at)],
            _ => [],
        };
    }

    public ServiceState Apply(IServiceEvent @event) => @event switch
    {
        ServiceSpecChanged e => this with
        {
            Kind = e.Kind, SpecHash = e.SpecHash, ConfigHash = e.ConfigHash, ExpectedNodes = e.ExpectedNodes,
            Files = e.Files,
        },
        ServiceWaitingForDependencies e => Move(ServiceStatus.WaitingForDependencies, null, e.At) with { WaitingFor = e.WaitingFor },
        ServiceApplyStarted e => Move(ServiceStatus.Applying, null, e.At) with { WaitingFor = [] },
        ServiceObjectsApplied e => Move(ServiceStatus.RollingOut, null, e.At) with { AppliedSpecHash = e.SpecHash },
        ServiceRollingOut e => Move(ServiceStatus.RollingOut, null, e.At),
        ServiceBecameReady e => Move(ServiceStatus.Ready, null, e.At),
        ServiceDegraded e => Move(ServiceStatus.Degraded, e.Reason, e.At),
        ServiceFailed e => Move(ServiceStatus.Failed, e.Reason, e.At),
        _ => this,
    };

    private ServiceState Move(ServiceStatus status, string? reason, DateTimeOffset at) =>
        this with { Status = status, Reason = reason, Since = status == Status && reason == Reason ? Since : at };

    private string SpecChangeCause(DesiredService desired)
    {
        if (SpecHash == "")
            return $"first seen with spec hash {WorkloadReadiness.Short(desired.SpecHash)}";
        var files = desired.Files.Keys.Union(Files.Keys).Order(StringComparer.Ordinal)
            .Where(f => Files.GetValueOrDefault(f) != desired.Files.GetValueOrDefault(f))
            .Select(f => $"{f} hash {WorkloadReadiness.Short(Files.GetValueOrDefault(f))} -> {WorkloadReadiness.Short(desired.Files.GetValueOrDefault(f))}")
            .ToList();
        return files.Count > 0
            ? "config " + string.Join(", ", files)
            : $"spec hash {WorkloadReadiness.Short(SpecHash)} -> {WorkloadReadiness.Short(desired.SpecHash)}";
    }
}
