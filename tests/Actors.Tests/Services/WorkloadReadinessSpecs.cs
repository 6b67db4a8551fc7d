using Orchestrator.Actors.Services;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Tests.Services;

public sealed class WorkloadReadinessSpecs
{
    private static WorkloadObservation Deployment(int replicas = 3) =>
        new(WorkloadKind.Deployment, "keystone", 2, 2, replicas, replicas, replicas, replicas, replicas, null, null, "cfg");

    private static WorkloadObservation StatefulSet(int replicas = 3) =>
        new(WorkloadKind.StatefulSet, "rabbitmq", 2, 2, replicas, replicas, replicas, replicas, replicas, "rev-1", "rev-1", "cfg");

    private static ReadinessVerdict Verdict(WorkloadObservation? w, params PodObservation[] pods) =>
        WorkloadReadiness.Evaluate(w, pods, "cfg").Verdict;

    [Fact]
    public void Deployment_with_every_replica_updated_ready_and_available_is_ready() =>
        Assert.Equal(ReadinessVerdict.Ready, Verdict(Deployment()));

    [Fact]
    public void Deployment_whose_generation_is_not_observed_yet_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(Deployment() with { ObservedGeneration = 1 }));

    [Fact]
    public void Deployment_with_old_pods_still_answering_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(Deployment() with { Replicas = 4 }));

    [Fact]
    public void Deployment_with_too_few_updated_replicas_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(Deployment() with { UpdatedReplicas = 2 }));

    [Fact]
    public void Deployment_with_an_unavailable_replica_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(Deployment() with { AvailableReplicas = 2 }));

    [Fact]
    public void Deployment_whose_template_carries_an_old_config_hash_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(Deployment() with { TemplateConfigHash = "old" }));

    [Fact]
    public void Workload_not_observed_yet_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(null));

    [Fact]
    public void StatefulSet_with_current_revision_and_every_replica_ready_is_ready() =>
        Assert.Equal(ReadinessVerdict.Ready, Verdict(StatefulSet()));

    [Fact]
    public void StatefulSet_still_rolling_a_new_revision_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(StatefulSet() with { UpdateRevision = "rev-2" }));

    [Fact]
    public void StatefulSet_with_a_replica_not_ready_is_not_ready() =>
        Assert.Equal(ReadinessVerdict.Progressing, Verdict(StatefulSet() with { ReadyReplicas = 2 }));

    [Fact]
    public void Pod_in_CrashLoopBackOff_breaks_the_service_with_its_name_and_restarts()
    {
        var readiness = WorkloadReadiness.Evaluate(Deployment(), [new PodObservation("keystone-a", false, 5, "CrashLoopBackOff")], "cfg");

        Assert.Equal(ReadinessVerdict.Broken, readiness.Verdict);
        Assert.Equal("pod keystone-a crash-looping, 5 restarts", readiness.Reason);
    }

    [Fact]
    public void Pod_restarting_again_and_again_without_being_ready_counts_as_crash_looping() =>
        Assert.Equal(ReadinessVerdict.Broken, Verdict(Deployment(), new PodObservation("keystone-a", false, 3, null)));

    [Fact]
    public void Pod_that_restarted_once_and_is_ready_again_is_fine() =>
        Assert.Equal(ReadinessVerdict.Ready, Verdict(Deployment(), new PodObservation("keystone-a", true, 1, null)));
}
