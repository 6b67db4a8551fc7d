using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Audit;

/// <summary>
/// The deployment's status as the journal last recorded it (<see cref="DeploymentHistory"/>): the first deployment of
/// the journal by name, or an empty status when it holds none.
/// </summary>
public static class RecordedStatus
{
    public static DeploymentStatusResult From(IEnumerable<JournalEntry> journal) =>
        DeploymentHistory.Replay(journal).FirstOrDefault(h => h.Deployment is not null)?.Status()
        ?? new DeploymentStatusResult(null, DeploymentStatus.Pending, null, [], []);
}
