using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Audit;
using Orchestrator.Messages.Deployments;
using Xunit.Abstractions;

namespace Orchestrator.Actors.Tests.Audit;

/// <summary>
/// `audit --at T` against what the running orchestrator said at T: the coordinator's status is sampled through a whole
/// rollout (as `apply` polls and prints it), and the journal replayed up to the sampled instants must give the same
/// status for the deployment, every service and every node (allowing the moment it takes an event to reach the coordinator).
/// </summary>
public sealed class TimeTravelSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task The_state_replayed_at_an_instant_is_the_status_the_coordinator_reported_then()
    {
        await using var harness = await ConvergenceHarness.StartAsync(TestSpecs.ApiAndPinned(), readyDelay: TimeSpan.FromMilliseconds(1500));
        await harness.StartSystemAsync();
        var samples = new List<(DateTimeOffset At, DeploymentStatusResult Status)>();

        await harness.Send(TestSpecs.ApiAndPinned());
        var last = await harness.UntilAsync(status =>
        {
            if (status.Deployment is not null)
                samples.Add((DateTimeOffset.UtcNow, status));
            return status.Deployment is not null && status.Status is DeploymentStatus.Ready or DeploymentStatus.Failed;
        });
        Assert.Equal(DeploymentStatus.Ready, last.Status);
        var journal = await harness.ReadJournalAsync();

        // In every status the coordinator held for at least three polls in a row, each part's state must be that part's
        // state in the journal at an instant of that run, or shortly before it: an event is dated when it was decided (for an observation, when the
        // cluster was seen), a moment before it is journaled and reported to the coordinator, so the coordinator shows
        // a state up to that moment late. The instants tried are the run's own and the events' own times before it.
        var runs = new List<(DateTimeOffset First, DateTimeOffset Last, DeploymentStatusResult Status)>();
        for (var start = 0; start < samples.Count;)
        {
            var end = start;
            while (end + 1 < samples.Count && Parts(samples[end + 1].Status).SequenceEqual(Parts(samples[start].Status)))
                end++;
            if (end - start + 1 >= 3)
                runs.Add((samples[start].At, samples[end].At, samples[start].Status));
            start = end + 1;
        }
        var times = journal.Select(e => DeploymentHistory.At(e.Event)).OfType<DateTimeOffset>().ToList();
        var exact = 0;
        foreach (var (first, lastSeen, status) in runs)
        {
            var middle = first + (lastSeen - first) / 2;
            var candidates = new[] { middle, first, lastSeen }.Concat(times.Where(t => t >= first - ReportLag && t <= lastSeen)).ToList();
            var replayed = candidates.Select(t => Parts(DeploymentHistory.Replay(journal, t).Single(h => h.Deployment is not null).Status())).ToList();
            output.WriteLine($"{first:HH:mm:ss.fff}..{lastSeen:HH:mm:ss.fff} {string.Join(", ", Parts(status).Select(p => $"{p.Key}={p.Value.Trim()}"))}");
            // Each part reports on its own, so each is compared on its own: the deployment, every service, every node.
            foreach (var (part, state) in Parts(status))
                Assert.True(replayed.Any(r => r.GetValueOrDefault(part) == state),
                    $"{part} was {state} at {first:HH:mm:ss.fff}..{lastSeen:HH:mm:ss.fff}; the journal says {string.Join(" / ", replayed.Select(r => r.GetValueOrDefault(part)).Distinct())}");
            exact += replayed[0].SequenceEqual(Parts(status)) ? 1 : 0;
        }
        output.WriteLine($"{runs.Count} states compared, {exact} equal in every part to the replay at the middle of their run");
        Assert.True(runs.Count >= 3, $"only {runs.Count} states sampled in {samples.Count} polls");
    }

    /// <summary>How late the coordinator may learn of an event: persisting it and one message, on a busy machine.</summary>
    private static readonly TimeSpan ReportLag = TimeSpan.FromSeconds(2);

    private static IReadOnlyDictionary<string, string> Parts(DeploymentStatusResult status)
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["deployment " + status.Deployment] = $"{status.Status} {status.Reason}" };
        // A waiting service's reason is the coordinator's live word on its dependencies ("waiting for memcached:
        // Applying"), derived from reports as they arrive and never persisted: what the journal holds is the waiting
        // itself and for whom, so that is what is compared.
        foreach (var service in status.Services)
            parts["service " + service.ServiceName] = service.Status == Messages.Services.ServiceStatus.WaitingForDependencies
                ? $"{service.Status} {string.Join(", ", (service.Reason ?? "").Split(", ").Select(r => r.Split(':')[0]))}"
                : $"{service.Status} {service.Reason}";
        foreach (var node in status.Nodes)
            parts["node " + node.NodeName] = $"{node.Status} {node.Reason}";
        return parts;
    }
}
