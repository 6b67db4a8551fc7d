using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// The host services as one cluster-scoped `HostUnits` object per stateful node, named after the node and
/// listing every unit that node must run. Each unit's hash covers everything the agent acts on, including the
/// content of the service's ConfigMap and Secret, so the agent restarts exactly the units whose inputs moved.
/// </summary>
public static class HostUnitsRenderer
{
    /// <param name="hostServices">The host services in apply order, each with its files.</param>
    public static IReadOnlyList<HostUnitsResource> Render(
        OpenStackDeployment deployment, IReadOnlyList<(ServiceSpec Service, ServiceFiles Files)> hostServices)
    {
        var units = hostServices.Select(h => (h.Service.Role, Unit: Unit(h.Service, deployment.Metadata.Namespace, h.Files))).ToList();
        return deployment.Spec.Nodes
            .Where(node => node.Roles.Any(NodeRoles.Stateful.Contains))
            .Select(node => new HostUnitsResource
            {
                Metadata = ObjectMetadata.For(node.Name, null, ObjectMetadata.Labels(deployment.Metadata.Name)),
                Spec = new HostUnitsSpec(node.Name, units
                    .Where(u => u.Role is not null && node.Roles.Contains(u.Role))
                    .Select(u => u.Unit)
                    .ToList()),
            })
            .ToList();
    }

    private static HostUnitSpec Unit(ServiceSpec service, string @namespace, ServiceFiles files) =>
        HostUnitHash.Stamp(
            new HostUnitSpec(service.Name, @namespace, service.Source ?? "", service.Unit ?? "", ResourceNames.ConfigMap(service.Name),
                ResourceNames.Secret(service.Name), service.Conntrack, service.Ports.ToList(), ""),
            files.ConfigHash, files.SecretHash);
}
