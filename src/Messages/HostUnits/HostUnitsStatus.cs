namespace Orchestrator.Messages.HostUnits;

/// <summary>What the node's agent reports in the status subresource of its `HostUnits` object.</summary>
public sealed record HostUnitsStatus(IReadOnlyList<HostUnitStatus> Units, DateTimeOffset? ReportedAt);

public sealed record HostUnitStatus(
    string Name,
    bool Installed,
    bool Active,
    bool Failed,
    int Restarts,
    string? ObservedHash,
    string? LastError);
