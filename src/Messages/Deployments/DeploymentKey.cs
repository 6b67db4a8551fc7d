namespace Orchestrator.Messages.Deployments;

/// <summary>
/// Which deployment an entity belongs to: the OpenStackDeployment's namespace and name. Every persistent entity is
/// keyed by it as well as by its own name, so two deployments (two regions) live side by side in one journal.
/// </summary>
public sealed record DeploymentKey(string Namespace, string Name)
{
    /// <summary>"namespace/name", as kubectl names a namespaced object.</summary>
    public override string ToString() => $"{Namespace}/{Name}";

    /// <summary>Reads "namespace/name"; null when the text is not of that form.</summary>
    public static DeploymentKey? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1 || text.IndexOf('/', slash + 1) >= 0)
            return null;
        return new DeploymentKey(text[..slash], text[(slash + 1)..]);
    }
}
