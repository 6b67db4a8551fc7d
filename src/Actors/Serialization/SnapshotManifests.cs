using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Services;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// The stable names of the supervisors' snapshots (their whole state at a sequence number). Like event manifests,
/// a manifest is part of the store's format: a snapshot of a changed shape gets a new version. A snapshot is only a
/// shortcut over the events, which stay in the journal, so `audit` never reads one.
/// </summary>
public static class SnapshotManifests
{
    public static readonly IReadOnlyDictionary<Type, string> ByType = new Dictionary<Type, string>
    {
        [typeof(ServiceState)] = "service-state.v1",
        [typeof(NodeState)] = "node-state.v1",
        [typeof(CoordinatorSnapshot)] = "coordinator-state.v1",
    };

    public static readonly IReadOnlyDictionary<string, Type> ByManifest = ByType.ToDictionary(p => p.Value, p => p.Key);
}

/// <summary>
/// What of the coordinator's state a snapshot keeps: what its events made (the plan, the status, the released host
/// services). The status reports of its parts are a cache that every part refills after a restart, as after a replay.
/// </summary>
public sealed record CoordinatorSnapshot(
    string? Deployment,
    string SpecHash,
    IReadOnlyList<PlannedService> Services,
    IReadOnlyList<PlannedNode> Nodes,
    DeploymentStatus Status,
    string? Reason,
    IReadOnlyList<string> Released)
{
    public static CoordinatorSnapshot Of(CoordinatorState state) => new(state.Deployment, state.SpecHash, state.Services, state.Nodes,
        state.Status, state.Reason, state.Released.Order(StringComparer.Ordinal).ToList());

    public CoordinatorState ToState() => CoordinatorState.Empty with
    {
        Deployment = Deployment, SpecHash = SpecHash, Services = Services, Nodes = Nodes, Status = Status, Reason = Reason,
        Released = new HashSet<string>(Released, StringComparer.Ordinal),
    };
}
