using Orchestrator.Actors.Operator;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Tests.Operator;

public sealed class DeploymentConditionsSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static StatusInputs Inputs(DeploymentStatus status, string? reason = null, bool paused = false, IReadOnlyList<string>? invalid = null,
        string? services = "3/3", string? nodes = "2/2") =>
        new(4, paused, false, invalid ?? [], status, reason, services, nodes);

    private static DeploymentCondition Condition(DeploymentResourceStatus status, string type) => status.Conditions.Single(c => c.Type == type);

    [Fact]
    public void Ready_deployment_is_Ready_True_and_neither_progressing_degraded_nor_paused()
    {
        var status = DeploymentConditions.Desired(null, Inputs(DeploymentStatus.Ready), T0);

        Assert.Equal(("True", "Ready"), (Condition(status, "Ready").Status, Condition(status, "Ready").Reason));
        Assert.Equal("False", Condition(status, "Progressing").Status);
        Assert.Equal("False", Condition(status, "Degraded").Status);
        Assert.Equal("False", Condition(status, "Paused").Status);
        Assert.Equal(4, status.ObservedGeneration);
        Assert.All(status.Conditions, c => Assert.Equal(4, c.ObservedGeneration));
        Assert.Equal("3/3", status.ReadyServices);
    }

    [Fact]
    public void Invalid_spec_is_Ready_False_InvalidSpec_with_every_error_and_its_path()
    {
        var status = DeploymentConditions.Desired(null, Inputs(DeploymentStatus.Ready,
            invalid: ["spec.services[1].port: must be between 1 and 65535", "spec.nodes[0].roles[0]: unknown role 'db'"]), T0);

        var ready = Condition(status, "Ready");
        Assert.Equal(("False", "InvalidSpec"), (ready.Status, ready.Reason));
        Assert.Contains("spec.services[1].port: must be between 1 and 65535", ready.Message);
        Assert.Contains("spec.nodes[0].roles[0]: unknown role 'db'", ready.Message);
        Assert.Equal("False", Condition(status, "Progressing").Status);
    }

    [Fact]
    public void Node_claimed_by_another_deployment_is_named_in_a_NodeClaimed_reason()
    {
        var status = DeploymentConditions.Desired(null, Inputs(DeploymentStatus.Degraded,
            reason: "node node-1: claimed by deployment region-a/cloud; a node serves one deployment"), T0);

        Assert.Equal("NodeClaimed", Condition(status, "Ready").Reason);
        Assert.Equal(("True", "NodeClaimed"), (Condition(status, "Degraded").Status, Condition(status, "Degraded").Reason));
        Assert.Contains("region-a/cloud", Condition(status, "Degraded").Message);
    }

    [Fact]
    public void Paused_deployment_says_so_and_is_not_progressing()
    {
        var status = DeploymentConditions.Desired(null, Inputs(DeploymentStatus.Progressing, paused: true), T0);

        Assert.Equal(("True", "PausedByAnnotation"), (Condition(status, "Paused").Status, Condition(status, "Paused").Reason));
        Assert.Equal("False", Condition(status, "Progressing").Status);
    }

    [Fact]
    public void Unchanged_inputs_give_the_same_status_so_nothing_is_written()
    {
        var first = DeploymentConditions.Desired(null, Inputs(DeploymentStatus.Ready), T0);

        var later = DeploymentConditions.Desired(first, Inputs(DeploymentStatus.Ready), T0.AddHours(1));

        Assert.True(later.SameAs(first));
    }

    [Fact]
    public void Without_a_complete_count_the_last_written_summary_is_kept()
    {
        var first = DeploymentConditions.Desired(null, Inputs(DeploymentStatus.Ready), T0);

        var restarted = DeploymentConditions.Desired(first, Inputs(DeploymentStatus.Ready, services: null, nodes: null), T0.AddHours(1));

        Assert.Equal(("3/3", "2/2"), (restarted.ReadyServices, restarted.ReadyNodes));
        Assert.True(restarted.SameAs(first));
    }
}
