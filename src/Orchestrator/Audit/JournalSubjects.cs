using Orchestrator.Actors.Deployments;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Audit;

/// <summary>
/// Which deployment every journal entry belongs to, from its persistence id (<see cref="PersistenceIds.Read"/>).
/// A legacy bare id (a journal of one deployment, written before ids were keyed) belongs to the deployment its
/// coordinator's events name: its namespace when a deployment-accepted.v2 event recorded it, else its name alone.
/// </summary>
public sealed class JournalSubjects
{
    private readonly string? _legacyName;
    private readonly string? _legacyNamespace;

    private JournalSubjects(string? legacyName, string? legacyNamespace)
    {
        _legacyName = legacyName;
        _legacyNamespace = legacyNamespace;
    }

    public static JournalSubjects Of(IEnumerable<JournalEntry> journal)
    {
        var accepted = journal.Where(e => e.PersistenceId == PersistenceIds.LegacyCoordinator).Select(e => e.Event)
            .OfType<DeploymentAccepted>().LastOrDefault();
        return new JournalSubjects(accepted?.Deployment, accepted?.Namespace);
    }

    /// <summary>"namespace/name", the name alone for a legacy journal without a namespace, or null when nothing names it.</summary>
    public string? DeploymentOf(string persistenceId)
    {
        var subject = PersistenceIds.Read(persistenceId);
        if (subject.Deployment is { } key)
            return key.ToString();
        if (subject.Kind == "other" || _legacyName is null)
            return null;
        return _legacyNamespace is null ? _legacyName : $"{_legacyNamespace}/{_legacyName}";
    }

    /// <summary>True when <paramref name="deployment"/> ("namespace/name", or a legacy name) is the one asked for.</summary>
    public static bool Matches(string? deployment, DeploymentKey? wanted)
    {
        if (wanted is null)
            return true;
        if (deployment is null)
            return false;
        return deployment == wanted.ToString() || (!deployment.Contains('/') && deployment == wanted.Name);
    }
}
