using Orchestrator.Messages.HostUnits;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Messages.Nodes;

/// <summary>The node's labels are as desired; <see cref="Written"/> says whether they had to be written.</summary>
public sealed record RecordNodeLabelled(string NodeName, string SpecHash, bool Written, DateTimeOffset At) : IWithNodeName, IClusterMessage;

/// <summary>The node's HostUnits object holds the desired units.</summary>
public sealed record RecordHostUnitsWritten(string NodeName, string SpecHash, bool Written, DateTimeOffset At) : IWithNodeName, IClusterMessage;

/// <summary>Writing the node's labels or HostUnits failed; retried with backoff, degrading the node when it persists.</summary>
public sealed record RecordNodeWriteFailure(string NodeName, string Reason, int ConsecutiveFailures, DateTimeOffset At) : IWithNodeName, IClusterMessage;

/// <summary>
/// The watchers' level-triggered snapshot of a node: the kubelet's Ready condition (null when the Node object is
/// absent), the HostUnits status its agent wrote (null before the first report), and what the Node object holds of
/// what its supervisor writes (<see cref="Metadata"/>, null when the Node object is absent), so that a check of an
/// unchanged node decides on the watch's report instead of reading the Node.
/// </summary>
public sealed record ObserveNode(
    string NodeName,
    bool? KubeletReady,
    string? KubeletMessage,
    HostUnitsStatus? Units,
    DateTimeOffset At,
    ObservedNodeMetadata? Metadata = null) : IWithNodeName, IClusterMessage;

/// <summary>
/// The part of a watched Node object its supervisor writes: the deployment its claim annotation names (null when
/// unclaimed) and its role labels (openstack-ROLE), the node's other labels left out.
/// </summary>
public sealed record ObservedNodeMetadata(string? ClaimedBy, IReadOnlyDictionary<string, string> RoleLabels);

public sealed record GetNodeStatus(string NodeName) : IWithNodeName, IClusterMessage;

public sealed record NodeStatusReport(
    string NodeName,
    IReadOnlyList<string> Roles,
    NodeStatus Status,
    string? Reason,
    DateTimeOffset Since) : IClusterMessage;

/// <summary>The Node object is claimed by another deployment (named by <see cref="Owner"/>): this one must not touch it.</summary>
public sealed record RecordNodeClaimRefused(string NodeName, string Owner, DateTimeOffset At) : IWithNodeName, IClusterMessage;

/// <summary>The deployment is paused (or resumed): while paused the node writes nothing, a write under way included.</summary>
public sealed record PauseNodeWrites(string NodeName, bool Paused) : IWithNodeName, IClusterMessage;
