using Orchestrator.Audit;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;
using Orchestrator.Messages.Services;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Actors.Tests.Audit;

public sealed class TimelineSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<JournalEntry> Journal =
    [
        new("deployment-coordinator", 1, new DeploymentAccepted("cloud", "h1", [new PlannedService("keystone", ServiceKind.Api, [])],
            [new PlannedNode("node-1", ["controller"])], "first seen with spec hash h1", T0)),
        new("node-node-1", 1, new NodeDegraded("node-1", "node NotReady", "observed", T0.AddMinutes(3))),
        new("service-keystone", 1, new ServiceApplyStarted("keystone", "s1", "spec hash none -> s1", T0.AddMinutes(1))),
        new("service-keystone", 2, new ServiceDegraded("keystone", "pod keystone-a crash-looping, 5 restarts", "observed", T0.AddMinutes(2))),
    ];

    [Fact]
    public void Timeline_lists_every_event_oldest_first_with_its_stable_name_and_cause()
    {
        var timeline = Timeline.From(Journal);

        Assert.Equal(["deployment-accepted", "service-apply-started", "service-degraded", "node-degraded"], timeline.Select(e => e.Event));
        Assert.Equal("pod keystone-a crash-looping, 5 restarts", timeline[2].Detail);
        Assert.Equal("spec hash none -> s1", timeline[1].Cause);
    }

    [Fact]
    public void Timeline_narrows_to_one_service_one_node_or_a_moment()
    {
        Assert.All(Timeline.From(Journal, service: "keystone"), e => Assert.Equal("keystone", e.Name));
        Assert.Equal(["node-degraded"], Timeline.From(Journal, node: "node-1").Select(e => e.Event));
        Assert.Equal(2, Timeline.From(Journal, since: T0.AddMinutes(2)).Count);
    }

    [Fact]
    public void Recorded_status_folds_the_journal_with_the_actors_own_apply()
    {
        var status = RecordedStatus.From(Journal);

        Assert.Equal(DeploymentStatus.Degraded, status.Status);
        Assert.Equal(ServiceStatus.Degraded, status.Services.Single().Status);
        Assert.Equal(NodeStatus.Degraded, status.Nodes.Single().Status);
    }
}
