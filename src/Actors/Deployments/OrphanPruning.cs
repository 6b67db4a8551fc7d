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
    /// <param name="legacyAgent">Whether to look for the agent shared by every node (see <see cref="PruneSharedAgentAsync"/>).</param>
    public static async Task<IReadOnlyList<string>> PruneAsync(IKubernetes kubernetes, OpenStackDeployment deployment,
        IReadOnlyList<IKubernetesObject<V1ObjectMeta>> rendered, bool legacyAgent, CancellationToken cancellationToken)
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
        if (legacyAgent)
            await PruneSharedAgentAsync(kubernetes, deployment, pruned, cancellationToken);
        return pruned;
    }

    /// <summary>
    /// The single agent of an orchestrator from before per-node agents (one DaemonSet and one ServiceAccount for every
    /// node, allowed every node's HostUnits and every Secret): once the per-node agents are written, it would run beside
    /// them on each node, so it goes, DaemonSet first. Only ours, by label. An upgrade's one-off: nothing of ours makes it
    /// again, so a coordinator looks once (its first shared write), not at every drift repair (six reads each time).
    /// </summary>
    private static async Task PruneSharedAgentAsync(IKubernetes kubernetes, OpenStackDeployment deployment, List<string> pruned,
        CancellationToken cancellationToken)
    {
        var @namespace = deployment.Metadata.Namespace;
        var name = Rendering.ResourceNames.NodeAgent;
        var clusterName = name + "-" + @namespace;
        async Task Delete<T>(string? ns, string objectName) where T : class, IKubernetesObject<V1ObjectMeta>
        {
            var found = await kubernetes.GetAsync<T>(ns, objectName, cancellationToken);
            if (found?.Metadata.Labels is not { } labels
                || !labels.TryGetValue(WellKnown.ManagedByLabel, out var manager) || manager != WellKnown.ManagedByValue
                || !labels.TryGetValue(WellKnown.DeploymentLabel, out var owner) || owner != deployment.Metadata.Name)
                return;
            if (await kubernetes.DeleteAsync<T>(ns, objectName, cancellationToken))
                pruned.Add($"{found.Kind?.ToLowerInvariant() ?? typeof(T).Name} {objectName} (the agent shared by every node)");
        }
        await Delete<V1DaemonSet>(@namespace, name);
        await Delete<V1RoleBinding>(@namespace, name);
        await Delete<V1Role>(@namespace, name);
        await Delete<V1ClusterRoleBinding>(null, clusterName);
        await Delete<V1ClusterRole>(null, clusterName);
        await Delete<V1ServiceAccount>(@namespace, name);
    }
}
