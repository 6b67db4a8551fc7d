namespace Orchestrator.Messages.Spec.Validation;

/// <summary>
/// Checks a deployment read from text (or built in code) against every rule of DESIGN.md and returns all the
/// problems at once, in document order, each with the path of the field. Pure: no I/O, no clock.
/// </summary>
public static class SpecValidator
{
    public static IReadOnlyList<SpecError> Validate(OpenStackDeployment deployment)
    {
        var errors = new List<SpecError>();
        DocumentRules.Check(deployment, errors);
        NodeRules.Check(deployment.Spec.Nodes, errors);
        ServiceRules.Check(deployment.Spec, errors);
        DependencyRules.Check(deployment.Spec.Services, errors);
        PlacementRules.Check(deployment.Spec, errors);
        return errors.OrderBy(error => error.Path, SpecPathOrder.Instance).ToList();
    }
}
