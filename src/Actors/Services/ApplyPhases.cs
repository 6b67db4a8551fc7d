using k8s;
using k8s.Models;

namespace Orchestrator.Actors.Services;

/// <summary>
/// The order a service's objects are written in: the objects within a phase are independent and go in parallel, a
/// phase starts when the one before is written. Only one order matters: a workload (Deployment, StatefulSet) comes after
/// the ConfigMaps and Secrets it mounts, because its pod template carries their hash and a pod it starts must find the
/// content of that hash. Its Service and Ingress need no order (the Ingress names the Service, which may come later).
/// </summary>
public static class ApplyPhases
{
    public static IReadOnlyList<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> Of(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects)
    {
        var first = objects.Where(o => !IsWorkload(o)).ToList();
        var workloads = objects.Where(IsWorkload).ToList();
        return new[] { first, workloads }.Where(p => p.Count > 0).ToList();
    }

    private static bool IsWorkload(IKubernetesObject<V1ObjectMeta> @object) => @object is V1Deployment or V1StatefulSet or V1DaemonSet;
}
