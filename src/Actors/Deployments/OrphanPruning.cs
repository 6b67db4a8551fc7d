using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// Deletes the objects of a service the deployment's spec no longer names: its workload, Service, Ingress, ConfigMap
/// and Secret. Found by our labels (managed-by, this deployment's name, and a service label) in the deployment's
/// namespace, and checked again on each object before it is deleted: nothing without all three is ever touched,
/// nor anything of another deployment. Shared objects (the TLS Secret, which becomes the user's with
/// tls.generate: false, and the node agent, which must outlive the units it removes) are never pruned.
/// </summary>
public static class OrphanPruning
{
    public static async Task<IReadOnlyList<string>> PruneAsync(IKubernetes kubernetes, OpenStackDeployment deployment,
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> rendered, CancellationToken cancellationToken)
    {
        var @namespace = deployment.Metadata.Namespace;
        var named = rendered.Where(item => item.Metadata.NamespaceProperty == @namespace)
            .Select(item => (item.Kind, item.Metadata.Name)).ToHashSet();
        var selector = $"{WellKnown.ManagedByLabel}={WellKnown.ManagedByValue},{WellKnown.DeploymentLabel}={deployment.Metadata.Name},{WellKnown.ServiceLabel}";
        var pruned = new List<string>();
        async Task Prune<T>(string kind) where T : class, IKubernetesObject<V1ObjectMeta>
        {
            foreach (var item in await kubernetes.ListAsync<T>(@namespace, selector, cancellationToken))
            {
                IReadOnlyDictionary<string, string> labels = item.Metadata.Labels?.ToDictionary() ?? new Dictionary<string, string>();
                if (labels.GetValueOrDefault(WellKnown.ManagedByLabel) != WellKnown.ManagedByValue
                    || labels.GetValueOrDefault(WellKnown.DeploymentLabel) != deployment.Metadata.Name
                    || !labels.ContainsKey(WellKnown.ServiceLabel)
                    || named.Contains((kind, item.Metadata.Name)))
                    continue;
                if (await kubernetes.DeleteAsync<T>(@namespace, item.Metadata.Name, cancellationToken))
                    pruned.Add($"{kind.ToLowerInvariant()} {item.Metadata.Name}");
            }
        }

        // Workloads first, so no pod is left running on a ConfigMap that is already gone.
        await Prune<V1Deployment>(V1Deployment.KubeKind);
        await Prune<V1StatefulSet>(V1StatefulSet.KubeKind);
        await Prune<V1Ingress>(V1Ingress.KubeKind);
        await Prune<V1Service>(V1Service.KubeKind);
        await Prune<V1ConfigMap>(V1ConfigMap.KubeKind);
        await Prune<V1Secret>(V1Secret.KubeKind);
        return pruned;
    }
}
