using k8s.Models;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Nodes;

/// <summary>
/// What the watch's report of a Node says about the supervisor's own writes to it, so that a check of an unchanged node
/// needs no read: whether the node is claimed by this deployment, and whether it carries the desired role labels. Only
/// an answer of yes saves the read; anything else (a report behind our own write, a label someone took off) is
/// decided on a read, as before.
/// </summary>
public static class ObservedNode
{
    private static readonly HashSet<string> RoleLabels = [.. NodeRoles.All.Select(NodeRoles.Label)];

    /// <summary>What a node supervisor writes on the Node: its claim annotation and role labels (null when the Node is absent).</summary>
    public static ObservedNodeMetadata? Of(V1Node? node)
    {
        if (node?.Metadata is not { } metadata)
            return null;
        var claimedBy = metadata.Annotations?.TryGetValue(NodeClaim.Annotation, out var owner) == true ? owner : null;
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata.Labels ?? new Dictionary<string, string>())
            if (RoleLabels.Contains(key))
                roles[key] = value;
        return new ObservedNodeMetadata(claimedBy, roles);
    }

    public static bool ClaimedBy(ObservedNodeMetadata? observed, DeploymentKey deployment) =>
        observed is not null && NodeClaim.Decide(observed.ClaimedBy, deployment) == NodeClaim.Outcome.AlreadyOurs;

    /// <param name="wanted">A value sets the label, null removes it; a label other than a role's is not in the report, so it needs a read.</param>
    public static bool Labelled(ObservedNodeMetadata observed, IReadOnlyDictionary<string, string?> wanted) =>
        wanted.All(label => RoleLabels.Contains(label.Key) && (label.Value is null
            ? !observed.RoleLabels.ContainsKey(label.Key)
            : observed.RoleLabels.TryGetValue(label.Key, out var value) && value == label.Value));
}
