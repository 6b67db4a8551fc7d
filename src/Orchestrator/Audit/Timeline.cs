using Orchestrator.Actors.Serialization;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Audit;

/// <summary>What `audit` keeps of the journal: a window of time, one service, one node, one deployment (all optional).</summary>
public sealed record TimelineFilter(DateTimeOffset? Since = null, DateTimeOffset? Until = null, string? Service = null, string? Node = null,
    DeploymentKey? Deployment = null)
{
    public bool Keeps(TimelineEntry entry) =>
        (Service is null || (entry.Subject == "service" && entry.Name == Service))
        && (Node is null || (entry.Subject == "node" && entry.Name == Node))
        && (Since is null || entry.At >= Since)
        && (Until is null || entry.At <= Until)
        && JournalSubjects.Matches(entry.Deployment, Deployment);
}

/// <summary>The journal as a timeline, oldest first: every recorded event with its cause, optionally narrowed.</summary>
public static class Timeline
{
    public static IReadOnlyList<TimelineEntry> From(IEnumerable<JournalEntry> journal, string? service = null, string? node = null,
        DateTimeOffset? since = null) => From(journal, new TimelineFilter(since, null, service, node));

    public static IReadOnlyList<TimelineEntry> From(IEnumerable<JournalEntry> journal, TimelineFilter filter)
    {
        var entries = journal.ToList();
        return Entries(entries, JournalSubjects.Of(entries)).Where(filter.Keeps).OrderBy(e => e.At).ToList();
    }

    /// <summary>The entries as timeline lines (unordered), with the deployment each belongs to.</summary>
    public static IEnumerable<TimelineEntry> Entries(IEnumerable<JournalEntry> journal, JournalSubjects subjects) =>
        journal.Select(e => Entry(e, subjects.DeploymentOf(e.PersistenceId))).OfType<TimelineEntry>();

    private static TimelineEntry? Entry(JournalEntry entry, string? deployment) => entry.Event switch
    {
        IServiceEvent e => new TimelineEntry(e.At, "service", e.ServiceName, Name(e), Detail(e), e.Cause, deployment, entry.PersistenceId, entry.SequenceNr),
        INodeEvent e => new TimelineEntry(e.At, "node", e.NodeName, Name(e), Detail(e), e.Cause, deployment, entry.PersistenceId, entry.SequenceNr),
        IDeploymentEvent e => new TimelineEntry(e.At, "deployment", e.Deployment, Name(e), Detail(e), e.Cause,
            deployment ?? (e is DeploymentAccepted { Namespace: { } ns } ? $"{ns}/{e.Deployment}" : e.Deployment), entry.PersistenceId, entry.SequenceNr),
        _ => null,
    };

    /// <summary>The event's stable journal name without its version: the same word `audit` shows for years.</summary>
    private static string Name(object @event) =>
        EventManifests.ByType.TryGetValue(@event.GetType(), out var manifest) ? EventManifests.Parse(manifest).Name : @event.GetType().Name;

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
