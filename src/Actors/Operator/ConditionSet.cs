using System.Globalization;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Operator;

/// <summary>
/// Kubernetes' condition rule (meta.SetStatusCondition): a condition keeps its lastTransitionTime unless its status
/// flips; reason, message and observedGeneration are simply replaced. Pure, with the time handed in.
/// </summary>
public static class ConditionSet
{
    public static IReadOnlyList<DeploymentCondition> Set(IReadOnlyList<DeploymentCondition> existing, DeploymentCondition wanted, DateTimeOffset now)
    {
        var before = existing.FirstOrDefault(c => c.Type == wanted.Type);
        var transition = before is not null && before.Status == wanted.Status ? before.LastTransitionTime : Timestamp(now);
        var updated = wanted with { LastTransitionTime = transition };
        return before is null
            ? [.. existing, updated]
            : existing.Select(c => c.Type == wanted.Type ? updated : c).ToList();
    }

    /// <summary>RFC 3339 in UTC to the second, as metav1.Time is written.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
