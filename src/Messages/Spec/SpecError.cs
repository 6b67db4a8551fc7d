namespace Orchestrator.Messages.Spec;

/// <summary>One problem in a spec: where (a field path like spec.services[3].port, and the line and column
/// when the YAML tells it) and why.</summary>
public sealed record SpecError(string Path, string Reason, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        Line is { } line ? $"{Path}: {Reason} (line {line}, column {Column})" : $"{Path}: {Reason}";
}

/// <summary>A spec read from text: the deployment when valid, otherwise every error found.</summary>
public sealed record SpecLoadResult(OpenStackDeployment? Deployment, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Deployment is not null && Errors.Count == 0;
}
