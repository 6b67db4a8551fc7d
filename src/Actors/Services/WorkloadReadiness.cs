using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Services;

/// <summary>
/// Readiness of a container service, as a pure function of what the watchers saw. Ready means the current
/// hash runs everywhere: old pods that still answer are not Ready.
/// </summary>
public static class WorkloadReadiness
{
    /// <summary>A pod that restarted this often without being ready counts as crash-looping even before Kubernetes says so.</summary>
    public const int CrashLoopRestarts = 3;

    public static Readiness Evaluate(WorkloadObservation? workload, IReadOnlyList<PodObservation> pods, string expectedConfigHash)
    {
        var crashing = pods
            .Where(p => p.WaitingReason == "CrashLoopBackOff" || (!p.Ready && p.Restarts >= CrashLoopRestarts))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (crashing is not null)
            return Readiness.Broken($"pod {crashing.Name} crash-looping, {crashing.Restarts} restarts");

        if (workload is null)
            return Readiness.Progressing("workload not observed yet");
        if (workload.TemplateConfigHash != expectedConfigHash)
            return Readiness.Progressing($"{Describe(workload)} template has config hash {Short(workload.TemplateConfigHash)}, expected {Short(expectedConfigHash)}");
        if (workload.ObservedGeneration < workload.Generation)
            return Readiness.Progressing($"{Describe(workload)} generation {workload.Generation} not observed yet (at {workload.ObservedGeneration})");

        return workload.Kind == WorkloadKind.Deployment ? EvaluateDeployment(workload) : EvaluateStatefulSet(workload);
    }

    private static Readiness EvaluateDeployment(WorkloadObservation d)
    {
        var n = d.DesiredReplicas;
        if (d.UpdatedReplicas != n || d.ReadyReplicas != n || d.AvailableReplicas != n)
            return Readiness.Progressing($"{Describe(d)} {d.UpdatedReplicas} updated, {d.ReadyReplicas} ready, {d.AvailableReplicas} available of {n}");
        if (d.Replicas != n)
            return Readiness.Progressing($"{Describe(d)} still has {d.Replicas - n} old pods");
        return Readiness.Ready($"{Describe(d)} {n}/{n} ready with config hash {Short(d.TemplateConfigHash)}");
    }

    private static Readiness EvaluateStatefulSet(WorkloadObservation s)
    {
        var n = s.DesiredReplicas;
        if (s.UpdateRevision != s.CurrentRevision)
            return Readiness.Progressing($"{Describe(s)} revision {s.UpdateRevision} rolling out over {s.CurrentRevision}");
        if (s.ReadyReplicas != n || s.Replicas != n)
            return Readiness.Progressing($"{Describe(s)} {s.ReadyReplicas} ready of {n}");
        return Readiness.Ready($"{Describe(s)} {n}/{n} ready with config hash {Short(s.TemplateConfigHash)}");
    }

    private static string Describe(WorkloadObservation w) =>
        (w.Kind == WorkloadKind.Deployment ? "deployment " : "statefulset ") + w.Name;

    /// <summary>Hashes are long; four characters are enough for a person to tell two apart in a cause.</summary>
    public static string Short(string? hash) => hash is null ? "none" : hash.Length <= 4 ? hash : hash[..4];
}
