using Orchestrator.Actors.Deployments;
using Orchestrator.Actors.Nodes;
using Orchestrator.Actors.Services;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;

namespace Orchestrator.Audit;

/// <summary>
/// Each deployment's status as the journal last recorded it: every actor's events folded through the same Apply
/// functions the actors recover with, so `status` and a restarted orchestrator agree on where things stand. Entities
/// are grouped by the deployment their persistence id names; a journal of bare (legacy) ids is one deployment.
/// </summary>
public static class RecordedStatus
{
    /// <summary>The one deployment of the journal (the last by key when there are several; see <see cref="ByDeployment"/>).</summary>
    public static DeploymentStatusResult From(IEnumerable<JournalEntry> journal) =>
        ByDeployment(journal).LastOrDefault() ?? CoordinatorState.Empty.Result();

    /// <summary>Every deployment of the journal, legacy first, then by namespace and name.</summary>
    public static IReadOnlyList<DeploymentStatusResult> ByDeployment(IEnumerable<JournalEntry> journal) =>
        journal.GroupBy(entry => PersistenceIds.Read(entry.PersistenceId).Deployment?.ToString() ?? "")
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => Fold(group))
            .Where(status => status.Deployment is not null)
            .ToList();

    private static DeploymentStatusResult Fold(IEnumerable<JournalEntry> journal)
    {
        var coordinator = CoordinatorState.Empty;
        var services = new Dictionary<string, ServiceState>(StringComparer.Ordinal);
        var nodes = new Dictionary<string, NodeState>(StringComparer.Ordinal);
        foreach (var entry in journal)
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
        coordinator = services.Values.Aggregate(coordinator, (c, s) => c.With(s.Report()));
        coordinator = nodes.Values.Aggregate(coordinator, (c, n) => c.With(n.Report()));
        return coordinator.Result();
    }
}
