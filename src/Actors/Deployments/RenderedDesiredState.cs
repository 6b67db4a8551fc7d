using System.Runtime.CompilerServices;
using k8s;
using IKubernetes = Orchestrator.Actors.Ports.IKubernetes;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// <see cref="IDesiredState"/> over the renderer. A generated TLS key and the deployment's hash key are read back from
/// their Secrets before rendering, so each is made once and every later rendering (and so every desired hash) stays the same.
/// Renderings are kept per deployment object, which the coordinator hands unchanged to every supervisor.
/// </summary>
public sealed class RenderedDesiredState(IKubernetes kubernetes, TimeProvider clock) : IDesiredState
{
    private readonly ConditionalWeakTable<OpenStackDeployment, RenderedDeployment> _renderings = new();

    public async Task<IReadOnlyList<IKubernetesObject<V1ObjectMeta>>> PrepareAsync(OpenStackDeployment deployment, CancellationToken cancellationToken)
    {
        TlsMaterial? existing = null;
        if (deployment.Spec.Tls.Generate)
        {
            var secret = await kubernetes.GetAsync<V1Secret>(deployment.Metadata.Namespace, deployment.Spec.Tls.SecretName, cancellationToken);
            existing = TlsMaterial.FromSecretData(secret?.Data);
        }
        var keySecret = await kubernetes.GetAsync<V1Secret>(deployment.Metadata.Namespace, ResourceNames.HashKeySecret, cancellationToken);
        var rendered = DesiredStateRenderer.Render(deployment, existing, clock, HashKey.FromSecretData(keySecret?.Data));
        _renderings.AddOrUpdate(deployment, rendered);
        // Nodes and HostUnits belong to the node supervisors, a service's objects to its supervisor; the CRD comes
        // first so that a fresh cluster can hold HostUnits.
        return [HostUnitsDefinition.Create(), .. rendered.SharedObjects];
    }

    public ServiceObjects ForService(OpenStackDeployment deployment, string service)
    {
        var rendered = Rendering(deployment);
        var spec = deployment.Spec.Services.Single(s => s.Name == service);
        if (spec.Kind != ServiceKind.Host)
            return new ServiceObjects(rendered.ObjectsOf(service), rendered.ConfigHashOf(service) ?? "", [], rendered.FileHashesOf(service));
        var units = rendered.NodeHostUnits.Values
            .Select(h => (Node: h.Metadata.Name, Unit: h.Spec.Units.FirstOrDefault(u => u.Name == service)))
            .Where(h => h.Unit is not null).OrderBy(h => h.Node, StringComparer.Ordinal).ToList();
        return new ServiceObjects(rendered.ObjectsOf(service), units.Select(u => u.Unit!.Hash).FirstOrDefault() ?? "",
            units.Select(u => u.Node).ToList(), rendered.FileHashesOf(service));
    }

    public NodeObjects ForNode(OpenStackDeployment deployment, string node)
    {
        var rendered = Rendering(deployment);
        var labels = rendered.LabelsOf(node);
        // Every role label the node must not carry is removed, so a role taken away leaves the node.
        var desired = NodeRoles.All.Select(NodeRoles.Label)
            .ToDictionary(label => label, label => labels.TryGetValue(label, out var value) ? value : null, StringComparer.Ordinal);
        return new NodeObjects(desired, rendered.HostUnitsOf(node));
    }

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>>? AllObjects(OpenStackDeployment deployment) => Rendering(deployment).Objects;

    private RenderedDeployment Rendering(OpenStackDeployment deployment) =>
        _renderings.TryGetValue(deployment, out var rendered)
            ? rendered
            : throw new InvalidOperationException($"deployment {deployment.Metadata.Name} was not prepared before its parts were asked for");
}
