namespace Orchestrator.Messages.Spec;

/// <summary>One problem in a spec: where (a field path like spec.services[3].port, and the line and column
/// when the YAML tells it) and why.</summary>
public sealed record SpecError(string Path, string Reason, int? Line = null, int? Column = null)
{
    /// <summary>The error as a person reads it on a terminal, control characters of the spec's text escaped.</summary>
    public override string ToString()
    {
        var text = $"{Printable(Path)}: {Printable(Reason)}";
        return Line is { } line ? $"{text} (line {line}, column {Column})" : text;
    }

    // Paths and reasons quote the spec's own text (names, keys); an escape sequence in it, printed as it is,
    // would let a spec clear the screen or rewrite the lines a person reads.
    private static string Printable(string text) =>
        text.Any(char.IsControl)
            ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()))
            : text;
}

/// <summary>A spec read from text: the deployment when valid, otherwise every error found.</summary>
public sealed record SpecLoadResult(OpenStackDeployment? Deployment, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Deployment is not null && Errors.Count == 0;
}
