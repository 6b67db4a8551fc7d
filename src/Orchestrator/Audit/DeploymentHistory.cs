using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Services;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Audit;

/// <summary>
/// One deployment as its journal recorded it up to an instant: every actor's events folded through the same Apply
/// functions the actors recover with (<see cref="ServiceState.Apply"/>, <see cref="NodeState.Apply"/>,
/// <see cref="CoordinatorState.Apply"/>), so `status`, `audit --at`, `explain` and a restarted orchestrator agree.
/// </summary>
public sealed class DeploymentHistory
{
    private DeploymentHistory(string? deployment, CoordinatorState coordinator, IReadOnlyDictionary<string, ServiceState> services,
        IReadOnlyDictionary<string, NodeState> nodes, IReadOnlyList<TimelineEntry> events)
    {
        Deployment = deployment;
        Coordinator = coordinator;
        Services = services;
        Nodes = nodes;
        Events = events;
    }

    /// <summary>"namespace/name" (or a legacy journal's name alone); null for events no deployment names.</summary>
    public string? Deployment { get; }

    public CoordinatorState Coordinator { get; }

    public IReadOnlyDictionary<string, ServiceState> Services { get; }

    public IReadOnlyDictionary<string, NodeState> Nodes { get; }

    /// <summary>This deployment's events up to the instant, oldest first.</summary>
    public IReadOnlyList<TimelineEntry> Events { get; }

    /// <summary>The status as `status` shows it: the coordinator's verdict over every part's state (Pending for a part without events).</summary>
    public DeploymentStatusResult Status()
    {
        var coordinator = Services.Values.Aggregate(Coordinator, (c, s) => c.With(s.Report()));
        coordinator = Nodes.Values.Aggregate(coordinator, (c, n) => c.With(n.Report()));
        return coordinator.Result();
    }

    /// <summary>Every deployment of the journal as it stood at <paramref name="at"/> (null: after the last event), by name.</summary>
    public static IReadOnlyList<DeploymentHistory> Replay(IEnumerable<JournalEntry> journal, DateTimeOffset? at = null)
    {
        var entries = journal.ToList();
        var subjects = JournalSubjects.Of(entries);
        var kept = entries.Where(e => at is null || At(e.Event) is not { } when || when <= at).ToList();
        var timeline = Timeline.Entries(kept, subjects).ToList();
        return kept.GroupBy(e => subjects.DeploymentOf(e.PersistenceId) ?? DeploymentNamedBy(e.Event))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(group =>
            {
                var coordinator = CoordinatorState.Empty;
                var services = new Dictionary<string, ServiceState>(StringComparer.Ordinal);
                var nodes = new Dictionary<string, NodeState>(StringComparer.Ordinal);
                foreach (var entry in group.OrderBy(e => e.PersistenceId, StringComparer.Ordinal).ThenBy(e => e.SequenceNr))
                {
                    switch (entry.Event)
                    {
                        case IDeploymentEvent e:
                            coordinator = coordinator.Apply(e);
                            break;
                        case IServiceEvent e:
                            services[e.ServiceName] = services.GetValueOrDefault(e.ServiceName, ServiceState.Empty(e.ServiceName)).Apply(e);
                            break;
                        case INodeEvent e:
                            nodes[e.NodeName] = nodes.GetValueOrDefault(e.NodeName, NodeState.Empty(e.NodeName)).Apply(e);
                            break;
                    }
                }
                var events = timeline.Where(t => t.Deployment == group.Key).OrderBy(t => t.At).ToList();
                return new DeploymentHistory(group.Key, coordinator, services, nodes, events);
            })
            .ToList();
    }

    /// <summary>When an event happened, as it records it.</summary>
    public static DateTimeOffset? At(object @event) => @event switch
    {
        IServiceEvent e => e.At,
        INodeEvent e => e.At,
        IDeploymentEvent e => e.At,
        _ => null,
    };

    private static string? DeploymentNamedBy(object @event) => @event switch
    {
        DeploymentAccepted { Namespace: { } ns } e => $"{ns}/{e.Deployment}",
        IDeploymentEvent e => e.Deployment,
        _ => null,
    };
}
