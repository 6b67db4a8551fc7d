using Orchestrator.Actors.Operator;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Tests.Operator;

public sealed class ConditionSetSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DeploymentCondition Ready(string status, string reason) => new("Ready", status, reason, "m", 1, "");

    [Fact]
    public void A_new_condition_takes_the_time_it_is_set()
    {
        var conditions = ConditionSet.Set([], Ready("False", "RollingOut"), T0);

        Assert.Equal("2026-01-01T00:00:00Z", Assert.Single(conditions).LastTransitionTime);
    }

    [Fact]
    public void Reason_and_message_change_without_moving_the_transition_time()
    {
        var first = ConditionSet.Set([], Ready("False", "RollingOut"), T0);

        var second = ConditionSet.Set(first, Ready("False", "Degraded") with { Message = "service x: crash-looping" }, T0.AddMinutes(5));

        var condition = Assert.Single(second);
        Assert.Equal("Degraded", condition.Reason);
        Assert.Equal("service x: crash-looping", condition.Message);
        Assert.Equal("2026-01-01T00:00:00Z", condition.LastTransitionTime);
    }

    [Fact]
    public void A_status_flip_moves_the_transition_time()
    {
        var first = ConditionSet.Set([], Ready("False", "RollingOut"), T0);

        var flipped = ConditionSet.Set(first, Ready("True", "Ready"), T0.AddMinutes(5));

        Assert.Equal("2026-01-01T00:05:00Z", Assert.Single(flipped).LastTransitionTime);
    }

    [Fact]
    public void Other_conditions_are_kept_in_their_place()
    {
        var both = ConditionSet.Set(ConditionSet.Set([], Ready("True", "Ready"), T0), new("Paused", "False", "Reconciling", "m", 1, ""), T0);

        var updated = ConditionSet.Set(both, Ready("False", "RollingOut"), T0.AddMinutes(1));

        Assert.Equal(["Ready", "Paused"], updated.Select(c => c.Type));
        Assert.Equal("2026-01-01T00:00:00Z", updated[1].LastTransitionTime);
    }
}
