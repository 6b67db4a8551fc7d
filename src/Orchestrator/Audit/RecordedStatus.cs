using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Audit;

/// <summary>
/// Each deployment's status as the journal last recorded it, replayed by <see cref="DeploymentHistory"/> through the
/// same Apply functions the actors recover with. Entities are grouped by the deployment their persistence id names; a
/// journal of bare (legacy) ids is one deployment.
/// </summary>
public static class RecordedStatus
{
    /// <summary>The one deployment of the journal (the last by key when there are several; see <see cref="ByDeployment"/>).</summary>
    public static DeploymentStatusResult From(IEnumerable<JournalEntry> journal) =>
        ByDeployment(journal).LastOrDefault() ?? new DeploymentStatusResult(null, DeploymentStatus.Pending, null, [], []);

    /// <summary>Every deployment of the journal, ordered by key.</summary>
    public static IReadOnlyList<DeploymentStatusResult> ByDeployment(IEnumerable<JournalEntry> journal) =>
        DeploymentHistory.Replay(journal).Where(h => h.Deployment is not null).Select(h => h.Status()).ToList();
}
