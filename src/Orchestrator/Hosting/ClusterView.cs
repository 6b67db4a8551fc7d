using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Cluster;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Hosting;

/// <summary>
/// The cluster as one member sees it (`/cluster`, `orchestrator cluster status`): every member with its state and
/// whether this one reaches it, the leader, and the member each deployment's coordinator runs on (asked of the
/// coordinator itself, through its shard region).
/// </summary>
public sealed record ClusterView(
    [property: JsonPropertyName("self")] string Self,
    [property: JsonPropertyName("leader")] string? Leader,
    [property: JsonPropertyName("members")] IReadOnlyList<ClusterMemberView> Members,
    [property: JsonPropertyName("coordinators")] IReadOnlyList<CoordinatorPlacement> Coordinators)
{
    public static async Task<ClusterView> ReadAsync(OrchestratorSystem system, IKubernetes kubernetes, IReadOnlyList<string> namespaces,
        CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system.System);
        var state = cluster.State;
        var members = state.Members
            .Select(m => new ClusterMemberView(m.Address.ToString(), m.Status.ToString(), !state.Unreachable.Contains(m)))
            .Concat(state.Unreachable.Where(u => !state.Members.Contains(u))
                .Select(m => new ClusterMemberView(m.Address.ToString(), m.Status.ToString(), false)))
            .OrderBy(m => m.Address, StringComparer.Ordinal).ToList();
        var placements = new List<CoordinatorPlacement>();
        foreach (var ns in namespaces.Count == 0 ? [null] : namespaces.Cast<string?>())
        {
            IReadOnlyList<OpenStackDeploymentResource> resources;
            try
            {
                resources = await kubernetes.ListAsync<OpenStackDeploymentResource>(ns, null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // No CRD yet, or the list is refused: the members are still worth showing.
                placements.Add(new CoordinatorPlacement(ns ?? "(every namespace)", null, $"deployments cannot be listed: {e.Message}"));
                continue;
            }
            foreach (var resource in resources)
                placements.Add(await PlacementAsync(system, new DeploymentKey(resource.Metadata.NamespaceProperty, resource.Metadata.Name)));
        }
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members,
            placements.OrderBy(p => p.Deployment, StringComparer.Ordinal).ToList());
    }

    private static async Task<CoordinatorPlacement> PlacementAsync(OrchestratorSystem system, DeploymentKey key)
    {
        try
        {
            var status = await system.StatusAsync(key, TimeSpan.FromSeconds(5));
            return new CoordinatorPlacement(key.ToString(), status.Member, status.Status.ToString());
        }
        catch (AskTimeoutException)
        {
            // A coordinator whose shard is moving (its member died and is not yet removed) answers nobody for a while.
            return new CoordinatorPlacement(key.ToString(), null, "no answer in 5 s (its shard may be moving)");
        }
    }
}

public sealed record ClusterMemberView(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reachable")] bool Reachable);

public sealed record CoordinatorPlacement(
    [property: JsonPropertyName("deployment")] string Deployment,
    [property: JsonPropertyName("member")] string? Member,
    [property: JsonPropertyName("status")] string Status);
