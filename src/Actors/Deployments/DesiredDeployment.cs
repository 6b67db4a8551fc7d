using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Rendering;
using Orchestrator.Actors.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// One rendering of a deployment, cut into the parts its actors need: the objects the whole deployment shares (written
/// by the coordinator first), each service's <see cref="ServicePart"/> and each node's <see cref="NodePart"/>, and every
/// object it names (for pruning what it no longer names).
/// </summary>
public sealed class DesiredDeployment(OpenStackDeployment deployment, RenderedDeployment rendered)
{
    // By name: the coordinator asks for every node's and service's part at each hand-out, and a scan per question would
    // make a 10,000-node hand-out quadratic. The spec's validation keeps the names unique.
    private readonly Dictionary<string, NodeSpec> _nodes = deployment.Spec.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceSpec> _services = deployment.Spec.Services.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public OpenStackDeployment Deployment { get; } = deployment;

    /// <summary>The CRD of HostUnits (so that a fresh cluster can hold them), the namespace, TLS Secret and agent.</summary>
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> SharedObjects { get; } = [HostUnitsDefinition.Create(), .. rendered.SharedObjects];

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> AllObjects => rendered.Objects;

    /// <summary>
    /// Whether rendering this deployment again with <paramref name="tls"/> and <paramref name="key"/> (as read back from
    /// the cluster) at <paramref name="now"/> would give this rendering: both are the ones it used, and its certificate
    /// (when generated) still serves the domain.
    /// </summary>
    public bool MadeFrom(TlsMaterial? tls, HashKey? key, DateTimeOffset now) =>
        key is not null && key.Equals(rendered.HashKey)
        && Equals(tls, rendered.Tls)
        && (rendered.Tls is null || rendered.Tls.Serves(Deployment.Spec.Domain, now));

    public ServicePart ServicePart(string service)
    {
        var spec = _services[service];
        // Each config and secret file by its own hash, so that a cause can name the file that changed; a secret file's
        // is keyed with the deployment's hash key (ServiceFiles), never a plain digest of its value.
        var files = rendered.FileHashesOf(service);
        if (spec.Kind != ServiceKind.Host)
            return new ServicePart(spec.Kind, rendered.ObjectsOf(service), rendered.ConfigHashOf(service) ?? "", [], files);
        var units = rendered.NodeHostUnits.Values
            .Select(h => (Node: h.Metadata.Name, Unit: h.Spec.Units.FirstOrDefault(u => u.Name == service)))
            .Where(h => h.Unit is not null).OrderBy(h => h.Node, StringComparer.Ordinal).ToList();
        return new ServicePart(spec.Kind, rendered.ObjectsOf(service), units.Select(u => u.Unit!.Hash).FirstOrDefault() ?? "",
            units.Select(u => u.Node).ToList(), files);
    }

    public NodePart NodePart(string node)
    {
        var spec = _nodes[node];
        var labels = rendered.LabelsOf(node);
        // Every role label the node must not carry is removed, so a role taken away leaves the node.
        var desired = NodeRoles.All.Select(NodeRoles.Label)
            .ToDictionary(label => label, label => labels.TryGetValue(label, out var value) ? value : null, StringComparer.Ordinal);
        return new NodePart(spec.Roles, desired, rendered.HostUnitsOf(node));
    }
}
