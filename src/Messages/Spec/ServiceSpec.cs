namespace Orchestrator.Messages.Spec;

/// <summary>
/// One OpenStack service. Which fields matter depends on <see cref="Kind"/>: api and pinned services
/// are containers on controller nodes; host services are systemd units on every node of <see cref="Role"/>.
/// Config and secret maps are keyed by plain file name and kept sorted so that rendering is deterministic.
/// <see cref="OrderedStart"/> (pinned only): the pods start one after the other, each once the one before is Ready
/// (podManagementPolicy OrderedReady), for a service whose members must join an existing first one; by default they
/// start together (Parallel).
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
    IReadOnlyList<string> Ports,
    bool OrderedStart = false);

public enum ServiceKind
{
    Api,
    Pinned,
    Host,
}
