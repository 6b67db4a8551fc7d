using k8s;
using k8s.Models;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// In operator mode (the deployment came from the cluster, so it has a uid) every namespaced object rendered in the
/// deployment's namespace is owned by the OpenStackDeployment: deleting it lets the garbage collector take them.
/// Cluster-scoped objects (the namespace, HostUnits, the agent's ClusterRole) cannot be owned by a namespaced one.
/// </summary>
public static class OwnerReferences
{
    public static void Stamp(OpenStackDeployment deployment, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects)
    {
        if (deployment.Metadata.Uid is not { } uid)
            return;
        foreach (var item in objects.Where(item => item.Metadata.NamespaceProperty == deployment.Metadata.Namespace))
        {
            item.Metadata.OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = OpenStackDeployment.ExpectedApiVersion,
                    Kind = OpenStackDeployment.ExpectedKind,
                    Name = deployment.Metadata.Name,
                    Uid = uid,
                    Controller = true,
                    BlockOwnerDeletion = true,
                },
            ];
        }
    }
}
