using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>One thing a controller must look at again: a kind of work and the object it is about.</summary>
public sealed record WorkItem(string Work, string Namespace, string Name, ResourceType? Type = null)
{
    public const string Deployment = "deployment";
    public const string ReplicaSet = "replicaset";
    public const string StatefulSet = "statefulset";
    public const string DaemonSet = "daemonset";
    public const string AllDaemonSets = "daemonsets";
    public const string Schedule = "schedule";
    public const string SchedulePending = "schedule-pending";
    public const string Kubelet = "kubelet";
    public const string Collect = "collect";
    public const string Orphans = "orphans";
    public const string NamespaceLifecycle = "namespace";
}
