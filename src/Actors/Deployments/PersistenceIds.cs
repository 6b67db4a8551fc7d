using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Deployments;

/// <summary>
/// How persistent entities are named in the journal: the one place that makes and reads these ids.
/// Current ids carry the deployment key: `deployment/NS/NAME`, `service/NS/NAME/SERVICE`, `node/NS/NAME/NODE`.
/// Journals written before deployments were keyed hold bare ids (`deployment-coordinator`, `service-S`, `node-N`);
/// they still replay, and <see cref="Read"/> reports them with a null deployment.
/// </summary>
public static class PersistenceIds
{
    public const string LegacyCoordinator = "deployment-coordinator";

    public static string Coordinator(DeploymentKey deployment) => $"deployment/{deployment}";

    public static string Service(DeploymentKey deployment, string service) => $"service/{deployment}/{service}";

    public static string Node(DeploymentKey deployment, string node) => $"node/{deployment}/{node}";

    /// <summary>What an id names: its kind (deployment, service, node, or another prefix), its deployment (null for a legacy id), and its entity name.</summary>
    public sealed record Subject(string Kind, DeploymentKey? Deployment, string Name);

    public static Subject Read(string persistenceId)
    {
        var parts = persistenceId.Split('/');
        if (parts is ["deployment", var ns, var name])
            return new Subject("deployment", new DeploymentKey(ns, name), name);
        if (parts is [var kind and ("service" or "node"), var ns2, var name2, var entity])
            return new Subject(kind, new DeploymentKey(ns2, name2), entity);
        if (persistenceId == LegacyCoordinator)
            return new Subject("deployment", null, persistenceId);
        if (persistenceId.StartsWith("service-", StringComparison.Ordinal))
            return new Subject("service", null, persistenceId["service-".Length..]);
        if (persistenceId.StartsWith("node-", StringComparison.Ordinal))
            return new Subject("node", null, persistenceId["node-".Length..]);
        return new Subject("other", null, persistenceId);
    }
}
