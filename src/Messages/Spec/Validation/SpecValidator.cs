namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// Checks a deployment read from text (or built in code) against every rule of DESIGN.md and returns all the
/// problems at once, in document order, each with the path of the field. Pure: no I/O, no clock.
/// </summary>
public static class SpecValidator
{
    public static IReadOnlyList<SpecError> Validate(OpenStackDeployment deployment) => Validate(deployment, _ => false);

    /// <summary>
    /// Validates a deployment whose values at some paths are stand-ins for text that could not be read.
    /// Rules that look across the document (a role no node holds, a dependency on a missing name) keep
    /// quiet when what they would look at is a stand-in, since the reading error already says what is wrong.
    /// </summary>
    /// <param name="holdsStandIn">Whether the value at a path, or anything within it, is a stand-in.</param>
    internal static IReadOnlyList<SpecError> Validate(OpenStackDeployment deployment, Func<string, bool> holdsStandIn)
    {
        var errors = new List<SpecError>();
        DocumentRules.Check(deployment, errors);
        NodeRules.Check(deployment.Spec.Nodes, errors);
        ServiceRules.Check(deployment.Spec, errors);
        var serviceNamesKnown = Enumerable.Range(0, deployment.Spec.Services.Count)
            .All(i => !holdsStandIn(SpecPath.Field(SpecPath.Index("spec.services", i), "name")));
        DependencyRules.Check(deployment.Spec.Services, serviceNamesKnown, errors);
        // An empty list of nodes is only known to be empty when it was read as one.
        var nodeRolesKnown = !(deployment.Spec.Nodes.Count == 0 && holdsStandIn("spec.nodes")) &&
            Enumerable.Range(0, deployment.Spec.Nodes.Count)
                .All(i => !holdsStandIn(SpecPath.Field(SpecPath.Index("spec.nodes", i), "roles")));
        if (nodeRolesKnown)
            PlacementRules.Check(deployment.Spec, errors);
        return errors.OrderBy(error => error.Path, SpecPathOrder.Instance).ToList();
    }
}
