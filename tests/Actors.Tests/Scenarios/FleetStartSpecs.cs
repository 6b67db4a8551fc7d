using Orchestrator.Actors.Deployments;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Nodes;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// A fleet larger than the coordinator's window of starting nodes (<see cref="NodeAdmission"/>) converges through it:
/// every node is let in as others report back, on the first converge and on a restart's resync of the same journal.
/// </summary>
public sealed class FleetStartSpecs
{
    private const int Nodes = 12;
    private static readonly string Window = $"{NodeAdmission.WindowPath} = 3";

    [Fact]
    public async Task A_fleet_four_times_the_window_converges_and_converges_again_after_a_restart()
    {
        var deployment = TestSpecs.Fleet(Nodes);
        await using var harness = await ConvergenceHarness.StartAsync(deployment);
        await harness.StartSystemAsync(moreHocon: Window);

        var first = await harness.ApplyAsync(deployment);

        Assert.Equal(DeploymentStatus.Ready, first.Status);
        Assert.Equal(Nodes, first.Nodes.Count(n => n.Status == NodeStatus.Ready));

        await harness.StopSystemAsync();
        await harness.StartSystemAsync(moreHocon: Window);
        var again = await harness.ApplyAsync(deployment);

        Assert.Equal(DeploymentStatus.Ready, again.Status);
        Assert.Equal(Nodes, again.Nodes.Count(n => n.Status == NodeStatus.Ready));
    }
}
