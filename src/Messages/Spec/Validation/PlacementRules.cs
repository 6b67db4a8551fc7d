namespace Orchestrator.Messages.Spec.Validation;

/// <summary>Every service has somewhere to run: a node for each host role in use, and a controller for containers.</summary>
internal static class PlacementRules
{
    public static void Check(DeploymentSpec spec, List<SpecError> errors)
    {
        var heldRoles = spec.Nodes.SelectMany(node => node.Roles).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < spec.Services.Count; i++)
        {
            var service = spec.Services[i];
            if (service is { Kind: ServiceKind.Host, Role: { } role } && NodeRoles.Stateful.Contains(role) && !heldRoles.Contains(role))
                errors.Add(new(SpecPath.Field(SpecPath.Index("spec.services", i), "role"),
                    $"no node has the role '{role}'; give it to at least one node in spec.nodes"));
        }

        var containers = spec.Services.Where(service => service.Kind != ServiceKind.Host).Select(service => service.Name).ToList();
        if (containers.Count > 0 && !heldRoles.Contains(NodeRoles.Controller))
        {
            var named = string.Join(", ", containers.Take(3)) + (containers.Count > 3 ? ", ..." : "");
            errors.Add(new("spec.nodes",
                $"no node has the role controller, but api and pinned services ({named}) run only on controller nodes"));
        }
    }
}
