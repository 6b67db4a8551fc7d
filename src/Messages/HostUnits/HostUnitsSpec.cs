namespace Orchestrator.Messages.HostUnits;

/// <summary>
/// What one stateful node must run: the spec of the cluster-scoped `HostUnits` object named after the node.
/// Written by the NodeSupervisor, read by that node's agent.
/// </summary>
public sealed record HostUnitsSpec(string Node, IReadOnlyList<HostUnitSpec> Units);

/// <summary>
/// One systemd unit. Name is the validated service name and the only source of the unit's file name.
/// Hash covers the unit text, the source path, ports, conntrack and the content of the ConfigMap and Secret;
/// the agent restarts the unit when it changes. ConfigHash and SecretHash are the content hashes the ConfigMap and
/// the Secret must carry: the agent installs only files whose hashes it recomputed and found equal, and otherwise
/// waits and says which object is behind (null from an older orchestrator: the agent then checks Hash alone).
/// </summary>
public sealed record HostUnitSpec(
    string Name,
    string Namespace,
    string Source,
    string Unit,
    string ConfigMap,
    string Secret,
    bool Conntrack,
    IReadOnlyList<string> Ports,
    string Hash,
    string? ConfigHash = null,
    string? SecretHash = null);
