using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Audit;
using Orchestrator.Messages.Deployments;
using Xunit.Abstractions;

namespace Orchestrator.Actors.Tests.Audit;

/// <summary>
/// `audit --at T` against what the running orchestrator said at T: the coordinator's status is sampled through a whole
/// rollout (as `apply` polls and prints it), and the journal replayed up to each sampled instant must give the same
/// status for the deployment, every service and every node.
/// </summary>
public sealed class TimeTravelSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task The_state_replayed_at_an_instant_is_the_status_the_coordinator_reported_then()
    {
        await using var harness = await ConvergenceHarness.StartAsync(TestSpecs.ApiAndPinned(), readyDelay: TimeSpan.FromMilliseconds(1500));
        await harness.StartSystemAsync();
        var samples = new List<(DateTimeOffset At, string Status)>();

        harness.Send(TestSpecs.ApiAndPinned());
        var last = await harness.UntilAsync(status =>
        {
            samples.Add((DateTimeOffset.UtcNow, Describe(status)));
            return status.Deployment is not null && status.Status is DeploymentStatus.Ready or DeploymentStatus.Failed;
        });
        Assert.Equal(DeploymentStatus.Ready, last.Status);
        var journal = await harness.ReadJournalAsync();

        // A status is compared in the middle of a run of at least nine polls that all saw it: an event's time is when
        // it was decided (for an observation, when the cluster was seen), a moment before it is journaled and reported to the coordinator, so right at a change the
        // coordinator may still show the state before an event the journal already dates.
        var stable = new List<(DateTimeOffset At, string Status)>();
        for (var start = 0; start < samples.Count;)
        {
            var end = start;
            while (end + 1 < samples.Count && samples[end + 1].Status == samples[start].Status)
                end++;
            if (end - start + 1 >= 9)
                stable.Add(samples[(start + end) / 2]);
            start = end + 1;
        }
        foreach (var (at, status) in stable)
        {
            var replayed = DeploymentHistory.Replay(journal, at).Single(h => h.Deployment is not null).Status();
            output.WriteLine($"{at:HH:mm:ss.fff} {status}");
            Assert.Equal(status, Describe(replayed));
        }
        Assert.True(stable.Count >= 3, $"only {stable.Count} distinct stable states sampled in {samples.Count} polls");
    }

    private static string Describe(DeploymentStatusResult status) =>
        $"{status.Deployment} {status.Status} {status.Reason} | "
        + string.Join(", ", status.Services.Select(s => $"{s.ServiceName}={s.Status}{(s.Reason is null ? "" : ":" + s.Reason)}")) + " | "
        + string.Join(", ", status.Nodes.Select(n => $"{n.NodeName}={n.Status}{(n.Reason is null ? "" : ":" + n.Reason)}"));
}
