using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// Removes what a deployment made on its nodes, which no owner reference can reach (HostUnits and Nodes are
/// cluster-scoped): first every unit is taken out of the node's HostUnits, so its agent stops the unit and removes
/// its files, unit file and NOTRACK rules; only when the agent reports none left is the HostUnits deleted, the role
/// labels and the claim removed. Idempotent and level-triggered, so a teardown cut short by a kill is simply run
/// again: the deletionTimestamp on the OpenStackDeployment is what remembers it.
/// </summary>
public static class DeploymentTeardown
{
    /// <summary>Tears down one node; throws <see cref="WaitingForAgentsException"/> while its agent still reports units.</summary>
    public static async Task NodeAsync(IKubernetes kubernetes, DeploymentKey deployment, string node, CancellationToken cancellationToken)
    {
        var observed = await kubernetes.GetAsync<V1Node>(null, node, cancellationToken);
        var owner = observed?.Metadata.Annotations?.TryGetValue(NodeClaim.Annotation, out var value) == true ? value : null;
        if (NodeClaim.Decide(owner, deployment) == NodeClaim.Outcome.Refused)
            return; // Another deployment's node: never ours to empty.
        if (await kubernetes.GetAsync<HostUnitsResource>(null, node, cancellationToken) is { } hostUnits)
        {
            if (hostUnits.Spec.Units.Count > 0)
                await kubernetes.ApplyAsync(Emptied(hostUnits), cancellationToken);
            var left = hostUnits.Status?.Units ?? [];
            if (hostUnits.Spec.Units.Count > 0 || left.Count > 0)
                throw new WaitingForAgentsException($"node {node}: waiting for its agent to remove {Describe(left, hostUnits.Spec.Units)}");
            await kubernetes.DeleteAsync<HostUnitsResource>(null, node, cancellationToken);
        }
        if (observed is null)
            return;
        await kubernetes.LabelNodeAsync(node, NodeRoles.All.ToDictionary(NodeRoles.Label, _ => (string?)null), cancellationToken);
        if (owner is not null)
            await kubernetes.PatchMetadataAsync<V1Node>(null, node, null, new Dictionary<string, string?> { [NodeClaim.Annotation] = null }, null, null,
                cancellationToken);
    }

    /// <summary>Tears down every node, then lets the object go: our finalizer removed, the others kept.</summary>
    public static async Task DeploymentAsync(IKubernetes kubernetes, DeploymentKey deployment, IReadOnlyList<string> nodes,
        IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
            await NodeAsync(kubernetes, deployment, node, cancellationToken);
        // The agents are done: their cluster-scoped rights go too (owner references cannot reach them). Only ours, by label.
        foreach (var node in nodes)
        {
            var agentRights = Rendering.NodeAgentRenderer.ClusterScopedName(deployment.Namespace, node);
            if (Ours(await kubernetes.GetAsync<V1ClusterRoleBinding>(null, agentRights, cancellationToken), deployment))
                await kubernetes.DeleteAsync<V1ClusterRoleBinding>(null, agentRights, cancellationToken);
            if (Ours(await kubernetes.GetAsync<V1ClusterRole>(null, agentRights, cancellationToken), deployment))
                await kubernetes.DeleteAsync<V1ClusterRole>(null, agentRights, cancellationToken);
        }
        if (finalizers.Contains(OpenStackDeploymentResource.Finalizer))
            await kubernetes.PatchMetadataAsync<OpenStackDeploymentResource>(deployment.Namespace, deployment.Name, null,
                new Dictionary<string, string?>(), null, finalizers.Where(f => f != OpenStackDeploymentResource.Finalizer).ToList(), cancellationToken);
    }

    private static bool Ours(k8s.IKubernetesObject<V1ObjectMeta>? found, DeploymentKey deployment) =>
        found?.Metadata.Labels is { } labels
        && labels.TryGetValue(WellKnown.ManagedByLabel, out var manager) && manager == WellKnown.ManagedByValue
        && labels.TryGetValue(WellKnown.DeploymentLabel, out var name) && name == deployment.Name;

    private static HostUnitsResource Emptied(HostUnitsResource hostUnits)
    {
        var metadata = new V1ObjectMeta { Name = hostUnits.Metadata.Name, Labels = hostUnits.Metadata.Labels };
        return new HostUnitsResource { Metadata = metadata, Spec = hostUnits.Spec with { Units = [] } };
    }

    private static string Describe(IReadOnlyList<HostUnitStatus> reported, IReadOnlyList<HostUnitSpec> listed)
    {
        var names = reported.Select(u => u.Name).Concat(listed.Select(u => u.Name)).Distinct().ToList();
        return names.Count == 0 ? "its units" : string.Join(", ", names);
    }
}

/// <summary>A teardown that must wait for agents: retried with backoff, never a failure.</summary>
public sealed class WaitingForAgentsException(string message) : Exception(message);
