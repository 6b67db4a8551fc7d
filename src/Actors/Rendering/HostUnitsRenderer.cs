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
    /// <param name="hostServices">The host services in apply order, each with the hash of its files.</param>
    public static IReadOnlyList<HostUnitsResource> Render(
        OpenStackDeployment deployment, IReadOnlyList<(ServiceSpec Service, string FilesHash)> hostServices)
    {
        var units = hostServices.Select(h => (h.Service.Role, Unit: Unit(h.Service, deployment.Metadata.Namespace, h.FilesHash))).ToList();
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

    private static HostUnitSpec Unit(ServiceSpec service, string @namespace, string filesHash)
    {
        var source = service.Source ?? "";
        var unit = service.Unit ?? "";
        var configMap = ResourceNames.ConfigMap(service.Name);
        var secret = ResourceNames.Secret(service.Name);
        var hash = ContentHash.Combine(
            service.Name, @namespace, source, unit, configMap, secret,
            service.Conntrack ? "conntrack" : "notrack",
            string.Join(",", service.Ports),
            filesHash);
        return new HostUnitSpec(service.Name, @namespace, source, unit, configMap, secret, service.Conntrack, service.Ports.ToList(), hash);
    }
}
