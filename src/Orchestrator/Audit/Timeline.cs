using Orchestrator.Actors.Serialization;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Audit;

/// <summary>The journal as a timeline, oldest first: every recorded event with its cause, optionally narrowed.</summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> From(IEnumerable<JournalEntry> journal, string? service = null, string? node = null,
        DateTimeOffset? since = null) =>
        journal.Select(e => Entry(e.Event)).OfType<TimelineEntry>()
            .Where(e => service is null || (e.Subject == "service" && e.Name == service))
            .Where(e => node is null || (e.Subject == "node" && e.Name == node))
            .Where(e => since is null || e.At >= since)
            .OrderBy(e => e.At)
            .ToList();

    private static TimelineEntry? Entry(object @event) => @event switch
    {
        IServiceEvent e => new TimelineEntry(e.At, "service", e.ServiceName, Name(e), Detail(e), e.Cause),
        INodeEvent e => new TimelineEntry(e.At, "node", e.NodeName, Name(e), Detail(e), e.Cause),
        IDeploymentEvent e => new TimelineEntry(e.At, "deployment", e.Deployment, Name(e), Detail(e), e.Cause),
        _ => null,
    };

    /// <summary>The event's stable journal name without its version: the same word `audit` shows for years.</summary>
    private static string Name(object @event) =>
        EventManifests.ByType.TryGetValue(@event.GetType(), out var manifest) ? manifest[..manifest.LastIndexOf('.')] : @event.GetType().Name;

    private static string? Detail(object @event) => @event switch
    {
        ServiceSpecChanged e => $"kind {e.Kind.ToString().ToLowerInvariant()}, spec {Short(e.SpecHash)}, running hash {Short(e.ConfigHash)}",
        ServiceWaitingForDependencies e => "waiting for " + string.Join(", ", e.WaitingFor),
        ServiceObjectsApplied e => $"{e.Writes} write(s)",
        ServiceDegraded e => e.Reason,
        ServiceFailed e => e.Reason,
        NodeSpecChanged e => $"roles {string.Join(",", e.Roles)}, {e.Units.Count} unit(s)",
        NodeDegraded e => e.Reason,
        DeploymentAccepted e => $"{e.Services.Count} service(s), {e.Nodes.Count} node(s), spec {Short(e.SpecHash)}",
        DeploymentStatusChanged e => e.Status + (e.Reason is null ? "" : ": " + e.Reason),
        HostServiceReleased e => $"{e.Service} released to its nodes",
        _ => null,
    };

    private static string Short(string hash) => hash.Length <= 8 ? hash : hash[..8];
}
