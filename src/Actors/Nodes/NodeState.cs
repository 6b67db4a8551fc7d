using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Nodes;

/// <summary>
/// The node supervisor's state: which spec it must hold, whether its labels and HostUnits object are written
/// for that spec, and what the kubelet and the agent last made of it. Pure Decide and Apply.
/// </summary>
public sealed record NodeState(
    string NodeName,
    IReadOnlyList<string> Roles,
    NodeStatus Status,
    string? Reason,
    string SpecHash,
    IReadOnlyDictionary<string, string> Units,
    string? LabelledHash,
    string? UnitsWrittenHash,
    DateTimeOffset Since)
{
    public static NodeState Empty(string nodeName) =>
        new(nodeName, [], NodeStatus.Pending, null, "", new Dictionary<string, string>(), null, null, DateTimeOffset.MinValue);

    public bool NeedsLabels => SpecHash != "" && LabelledHash != SpecHash;

    public bool NeedsHostUnits => SpecHash != "" && UnitsWrittenHash != SpecHash;

    public NodeStatusReport Report() => new(NodeName, Roles, Status, Reason, Since);

    public IReadOnlyList<INodeEvent> Decide(DesiredNode desired)
    {
        if (desired.SpecHash == SpecHash)
            return [];
        var cause = SpecHash == ""
            ? $"first seen with roles {string.Join(", ", desired.Roles)} and {desired.Units.Count} unit(s)"
            : DescribeChange(desired);
        return [new NodeSpecChanged(NodeName, desired.Roles, desired.SpecHash, desired.Units, cause, desired.At)];
    }

    public IReadOnlyList<INodeEvent> Decide(RecordNodeLabelled labelled)
    {
        if (labelled.SpecHash != SpecHash)
            return [];
        if (LabelledHash != SpecHash)
            return [new NodeLabelled(NodeName, labelled.SpecHash, labelled.Written ? "labels written" : "labels already as desired", labelled.At)];
        return labelled.Written ? Drifted("labels differed from the spec and were rewritten", labelled.At) : [];
    }

    public IReadOnlyList<INodeEvent> Decide(RecordHostUnitsWritten written)
    {
        if (written.SpecHash != SpecHash)
            return [];
        if (UnitsWrittenHash != SpecHash)
            return [new NodeHostUnitsWritten(NodeName, written.SpecHash,
                written.Written ? $"HostUnits written with {Units.Count} unit(s)" : "HostUnits already as desired", written.At)];
        return written.Written ? Drifted("HostUnits differed from the spec and were rewritten", written.At) : [];
    }

    /// <summary>Another deployment holds the node: degraded with a reason that names it, until that changes.</summary>
    public IReadOnlyList<INodeEvent> Decide(RecordNodeClaimRefused refused)
    {
        var reason = NodeClaim.Refusal(refused.Owner);
        return Status == NodeStatus.Degraded && Reason == reason ? []
            : [new NodeDegraded(NodeName, reason, $"the Node's {NodeClaim.Annotation} annotation names {refused.Owner}", refused.At)];
    }

    /// <summary>A check of an already written spec had to write again: what runs there must be judged anew.</summary>
    private IReadOnlyList<INodeEvent> Drifted(string cause, DateTimeOffset at) =>
        Status == NodeStatus.Converging ? [] : [new NodeConverging(NodeName, "drift: " + cause, at)];

    public IReadOnlyList<INodeEvent> Decide(RecordNodeWriteFailure failure) =>
        failure.ConsecutiveFailures < 3 || Status == NodeStatus.Degraded ? [] :
            [new NodeDegraded(NodeName, "writes failing: " + failure.Reason, $"{failure.ConsecutiveFailures} failed attempts in a row", failure.At)];

    /// <summary>Only a node whose labels and units are written is judged on what runs there.</summary>
    public IReadOnlyList<INodeEvent> Decide(ObserveNode observed)
    {
        if (SpecHash == "" || NeedsLabels || NeedsHostUnits)
            return [];
        var (status, reason, detail) = Evaluate(observed);
        if (status == Status && (status != NodeStatus.Degraded || reason == Reason))
            return [];
        return status switch
        {
            NodeStatus.Ready => [new NodeBecameReady(NodeName, reason, observed.At)],
            NodeStatus.Degraded => [new NodeDegraded(NodeName, reason, "observed: " + detail, observed.At)],
            _ => [new NodeConverging(NodeName, reason, observed.At)],
        };
    }

    /// <summary>
    /// The verdict, with a reason that changes only when the state does ("unit nova-compute failed") and the
    /// detail of the moment (the unit's restarts and last error) for the event's cause only: a crash-looping unit
    /// whose error text and restart count move all the time is one NodeDegraded, not one per report. The
    /// current counters and error stay in the HostUnits status, where the agent keeps them up to date.
    /// </summary>
    private (NodeStatus Status, string Reason, string Detail) Evaluate(ObserveNode observed)
    {
        if (observed.KubeletReady == false)
            return (NodeStatus.Degraded, "node NotReady" + (observed.KubeletMessage is { } m ? ": " + m : ""), "kubelet Ready condition false");
        if (observed.KubeletReady is null)
            return (NodeStatus.Converging, "node not seen in the cluster yet", "");
        var reports = (observed.Units?.Units ?? []).ToDictionary(u => u.Name, StringComparer.Ordinal);
        foreach (var (unit, _) in Units.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            if (reports.TryGetValue(unit, out var report) && report.Failed)
                return (NodeStatus.Degraded, $"unit {unit} failed", $"{report.Restarts} restart(s): {report.LastError ?? "no error reported"}");
            // An install the agent could not do is said at its first failure; its error is the agent's refusal (a
            // source, a path, a missing tool), stable from one attempt to the next, so it names the reason itself.
            if (report is { LastError: { } error } && report.ObservedHash != Units[unit])
                return (NodeStatus.Degraded, $"unit {unit} not installed, the agent retries: {error}", "agent could not install it");
        }
        foreach (var (unit, hash) in Units.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            if (!reports.TryGetValue(unit, out var report))
                return (NodeStatus.Converging, $"no report of unit {unit} from the agent yet", "");
            if (report.ObservedHash != hash || !report.Active)
                return (NodeStatus.Converging, $"unit {unit} not active with hash {Services.WorkloadReadiness.Short(hash)} yet", "");
        }
        return (NodeStatus.Ready, Units.Count == 0 ? "labelled, kubelet ready" : $"{Units.Count} unit(s) active with current hashes", "");
    }

    public NodeState Apply(INodeEvent @event) => @event switch
    {
        NodeSpecChanged e => Move(NodeStatus.Pending, null, e.At) with { Roles = e.Roles, SpecHash = e.SpecHash, Units = e.Units },
        NodeLabelled e => AfterWrite(this with { LabelledHash = e.SpecHash }, e.At),
        NodeHostUnitsWritten e => AfterWrite(this with { UnitsWrittenHash = e.SpecHash }, e.At),
        NodeBecameReady e => Move(NodeStatus.Ready, null, e.At),
        NodeConverging e => Move(NodeStatus.Converging, null, e.At),
        NodeDegraded e => Move(NodeStatus.Degraded, e.Reason, e.At),
        _ => this,
    };

    private static NodeState AfterWrite(NodeState state, DateTimeOffset at) =>
        state.NeedsLabels || state.NeedsHostUnits ? state : state.Move(NodeStatus.Converging, null, at);

    private NodeState Move(NodeStatus status, string? reason, DateTimeOffset at) =>
        this with { Status = status, Reason = reason, Since = status == Status && reason == Reason ? Since : at };

    private string DescribeChange(DesiredNode desired)
    {
        var changes = new List<string>();
        if (!Roles.SequenceEqual(desired.Roles))
            changes.Add($"roles {string.Join(",", Roles)} -> {string.Join(",", desired.Roles)}");
        foreach (var unit in desired.Units.Keys.Union(Units.Keys).Order(StringComparer.Ordinal))
        {
            var before = Units.GetValueOrDefault(unit);
            var after = desired.Units.GetValueOrDefault(unit);
            if (before != after)
                changes.Add($"unit {unit} hash {Services.WorkloadReadiness.Short(before)} -> {Services.WorkloadReadiness.Short(after)}");
        }
        return changes.Count > 0 ? string.Join("; ", changes) : "spec hash " + Services.WorkloadReadiness.Short(desired.SpecHash);
    }
}
