using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Watching;

/// <summary>Reduces watched Kubernetes objects to the plain observations the pure states decide on.</summary>
public static class Observations
{
    public static WorkloadObservation Of(V1Deployment d) => new(WorkloadKind.Deployment, d.Metadata.Name,
        d.Metadata.Generation ?? 0, d.Status?.ObservedGeneration ?? 0, d.Spec?.Replicas ?? 1, d.Status?.Replicas ?? 0,
        d.Status?.UpdatedReplicas ?? 0, d.Status?.ReadyReplicas ?? 0, d.Status?.AvailableReplicas ?? 0, null, null,
        ConfigHash(d.Spec?.Template));

    public static WorkloadObservation Of(V1StatefulSet s) => new(WorkloadKind.StatefulSet, s.Metadata.Name,
        s.Metadata.Generation ?? 0, s.Status?.ObservedGeneration ?? 0, s.Spec?.Replicas ?? 1, s.Status?.Replicas ?? 0,
        s.Status?.UpdatedReplicas ?? 0, s.Status?.ReadyReplicas ?? 0, s.Status?.AvailableReplicas ?? 0,
        s.Status?.CurrentRevision, s.Status?.UpdateRevision, ConfigHash(s.Spec?.Template));

    public static PodObservation Of(V1Pod p)
    {
        var containers = p.Status?.ContainerStatuses ?? [];
        return new PodObservation(p.Metadata.Name,
            p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
            containers.Sum(c => c.RestartCount),
            containers.Select(c => c.State?.Waiting?.Reason).FirstOrDefault(r => r is not null));
    }

    /// <summary>The kubelet's Ready condition: true, false (False or Unknown: the node stopped reporting), null when absent.</summary>
    public static (bool? Ready, string? Message) KubeletReadiness(V1Node? node)
    {
        var ready = node?.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        if (node is null)
            return (null, null);
        if (ready is null)
            return (false, "no Ready condition reported");
        return (ready.Status == "True", ready.Status == "True" ? null : ready.Message ?? ready.Reason);
    }

    public static HostUnitObservation? UnitOf(HostUnitsResource hostUnits, string service) =>
        hostUnits.Status?.Units.FirstOrDefault(u => u.Name == service) is { } unit
            ? new HostUnitObservation(hostUnits.Metadata.Name, unit.Installed, unit.Active, unit.Failed, unit.Restarts, unit.ObservedHash, unit.LastError)
            : null;

    public static string? DeploymentOf(V1ObjectMeta metadata) => metadata.Labels is { } labels && labels.TryGetValue(WellKnown.DeploymentLabel, out var deployment) ? deployment : null;

    public static string? ServiceOf(V1ObjectMeta metadata) => metadata.Labels is { } labels && labels.TryGetValue(WellKnown.ServiceLabel, out var service) ? service : null;

    private static string? ConfigHash(V1PodTemplateSpec? template) =>
        template?.Metadata?.Annotations is { } annotations && annotations.TryGetValue(WellKnown.ConfigHashAnnotation, out var hash) ? hash : null;

    public static bool IsTerminating(V1Pod pod) => pod.Metadata.DeletionTimestamp is not null;

    public static HostUnitsStatus? StatusOf(HostUnitsResource? hostUnits) => hostUnits?.Status;
}
