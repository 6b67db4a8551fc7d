using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Actors.Nodes;

/// <summary>
/// A node's part of a rendered deployment, as its supervisor receives it: its roles, its labels (null removes one)
/// and its HostUnits object (null when it runs no host service).
/// </summary>
public sealed record NodePart(IReadOnlyList<string> Roles, IReadOnlyDictionary<string, string?> Labels, HostUnitsResource? HostUnits)
{
    public override string ToString() => $"NodePart {{ roles {string.Join(",", Roles)}, {HostUnits?.Spec.Units.Count ?? 0} units }}";
}
