namespace Orchestrator.Messages.Spec.Validation;

/// <summary>spec.nodes: names Kubernetes accepts, each node once, and roles the orchestrator knows.</summary>
internal static class NodeRules
{
    public static void Check(IReadOnlyList<NodeSpec> nodes, List<SpecError> errors)
    {
        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var path = SpecPath.Index("spec.nodes", i);
            if (!DnsNames.IsSubdomain(node.Name))
                errors.Add(new(SpecPath.Field(path, "name"), $"'{node.Name}' is not {DnsNames.SubdomainRule}"));
            else if (!firstIndexByName.TryAdd(node.Name, i))
                errors.Add(new(SpecPath.Field(path, "name"),
                    $"duplicate node name '{node.Name}' (first at spec.nodes[{firstIndexByName[node.Name]}])"));
            CheckRoles(node.Roles, SpecPath.Field(path, "roles"), errors);
        }
    }

    private static void CheckRoles(IReadOnlyList<string> roles, string path, List<SpecError> errors)
    {
        if (roles.Count == 0)
            errors.Add(new(path, $"a node needs at least one role ({string.Join(", ", NodeRoles.All)})"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < roles.Count; i++)
        {
            var role = roles[i];
            var rolePath = SpecPath.Index(path, i);
            if (!NodeRoles.All.Contains(role))
                errors.Add(new(rolePath, UnknownRole(role, NodeRoles.All)));
            else if (!seen.Add(role))
                errors.Add(new(rolePath, $"duplicate role '{role}'"));
        }
    }

    public static string UnknownRole(string role, IReadOnlyList<string> allowed) =>
        $"unknown role '{role}'{ClosestName.Hint(role, allowed)}; expected one of {string.Join(", ", allowed)}";
}
