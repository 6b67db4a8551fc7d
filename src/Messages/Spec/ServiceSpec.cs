namespace Orchestrator.Messages.Spec;

/// <summary>
/// One OpenStack service. Which fields matter depends on <see cref="Kind"/>: api and pinned services
/// are containers on controller nodes; host services are systemd units on every node of <see cref="Role"/>.
/// Config and secret maps are keyed by plain file name and kept sorted so that rendering is deterministic.
/// </summary>
public sealed record ServiceSpec(
    string Name,
    ServiceKind Kind,
    string? Image,
    int Replicas,
    int? Port,
    IReadOnlyList<string> DependsOn,
    IReadOnlyDictionary<string, string> Config,
    IReadOnlyDictionary<string, string> Secrets,
    string? Role,
    string? Source,
    string? Unit,
    bool Conntrack,
    IReadOnlyList<string> Ports);

public enum ServiceKind
{
    Api,
    Pinned,
    Host,
}
