using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// The shard entity ids: `NS/NAME` for a deployment's coordinator, `NS/NAME/ENTITY` for its services and nodes. The
/// one place that makes them and reads them back (a shard region hands its entity factory only the id). Namespaces,
/// names and entity names are DNS labels or subdomains, so they never hold a slash.
/// </summary>
public static class EntityIds
{
    public static string Coordinator(DeploymentKey deployment) => deployment.ToString();

    public static string Part(DeploymentKey deployment, string name) => $"{deployment}/{name}";

    public static DeploymentKey ReadCoordinator(string entityId) =>
        DeploymentKey.TryParse(entityId) ?? throw new ArgumentException($"'{entityId}' is not a coordinator entity id (NS/NAME)", nameof(entityId));

    public static (DeploymentKey Deployment, string Name) ReadPart(string entityId) =>
        entityId.Split('/') is [var ns, var name, var part] && ns.Length > 0 && name.Length > 0 && part.Length > 0
            ? (new DeploymentKey(ns, name), part)
            : throw new ArgumentException($"'{entityId}' is not a service or node entity id (NS/NAME/ENTITY)", nameof(entityId));
}
