namespace Orchestrator.Actors.Nodes;

/// <summary>
/// A node's desired state reduced to hashes: its roles, the hash of its labels and HostUnits spec together,
/// and each unit with the hash its agent must report.
/// </summary>
public sealed record DesiredNode(
    string NodeName,
    IReadOnlyList<string> Roles,
    string SpecHash,
    IReadOnlyDictionary<string, string> Units,
    DateTimeOffset At);
