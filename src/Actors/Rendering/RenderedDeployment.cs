using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// Everything one spec becomes. <see cref="Objects"/> is the whole list in apply order (namespace, node labels,
/// shared objects, then each service's objects in dependency order, the HostUnits, the agent); the maps answer
/// the actors' questions: the objects of one service, the HostUnits and labels of one node, and what belongs to
/// the deployment as a whole (<see cref="SharedObjects"/>: the namespace, the generated TLS Secret, the node agent
/// and its RBAC), in apply order.
/// </summary>
public sealed record RenderedDeployment(
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects,
    IReadOnlyList<IKubernetesObject<V1ObjectMeta>> SharedObjects,
    IReadOnlyList<string> ServiceOrder,
    IReadOnlyDictionary<string, IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> ServiceObjects,
    IReadOnlyDictionary<string, string> ServiceConfigHashes,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ServiceFileHashes,
    IReadOnlyDictionary<string, HostUnitsResource> NodeHostUnits,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> NodeLabels,
    TlsMaterial? Tls,
    HashKey HashKey)
{
    /// <summary>Each file of a service with its hash ("secret NAME" for a secret file, keyed): what its journal names.</summary>
    public IReadOnlyDictionary<string, string> FileHashesOf(string service) =>
        ServiceFileHashes.TryGetValue(service, out var hashes) ? hashes : new Dictionary<string, string>();

    /// <summary>The ConfigMap, Secret, Service, workload and Ingress of a service (empty for an unknown name).</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> ObjectsOf(string service) =>
        ServiceObjects.TryGetValue(service, out var objects) ? objects : [];

    /// <summary>The HostUnits object of a node, or null when the node has no stateful role.</summary>
    public HostUnitsResource? HostUnitsOf(string node) => NodeHostUnits.GetValueOrDefault(node);

    /// <summary>The labels `openstack-&lt;role&gt;=""` a node must carry (empty for an unknown node).</summary>
    public IReadOnlyDictionary<string, string> LabelsOf(string node) =>
        NodeLabels.TryGetValue(node, out var labels) ? labels : new Dictionary<string, string>();

    /// <summary>The hash of a service's ConfigMap and Secret, as written into its pod template or host unit.</summary>
    public string? ConfigHashOf(string service) => ServiceConfigHashes.GetValueOrDefault(service);

    // The generated ToString would print every object, Secret data included.
    public override string ToString() => $"RenderedDeployment {{ {Objects.Count} objects, {ServiceObjects.Count} services }}";
}
