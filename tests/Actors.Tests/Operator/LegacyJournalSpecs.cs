using Orchestrator.Actors.Deployments;
using Orchestrator.Audit;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Tests.Operator;

/// <summary>
/// A journal written by the orchestrator before entities were keyed by deployment (bare ids `deployment-coordinator`,
/// `service-S`, `node-N`; Fixtures/legacy-journal.db, an apply of EndToEnd/cloud.yaml): it still replays.
/// </summary>
public sealed class LegacyJournalSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-legacy-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_journal_of_bare_ids_replays_as_one_ready_deployment()
    {
        var copy = Path.Combine(_folder, "journal.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "legacy-journal.db"), copy);
        var hocon = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName));

        IReadOnlyList<JournalEntry> journal;
        await using (var reader = await JournalReader.OpenAsync(JournalLocation.Parse("sqlite:" + copy).Location!, hocon, CancellationToken.None))
            journal = await reader.ReadAllAsync(CancellationToken.None);
        var statuses = RecordedStatus.ByDeployment(journal);

        Assert.Contains(journal, e => e.PersistenceId == PersistenceIds.LegacyCoordinator);
        Assert.All(journal, e => Assert.Null(PersistenceIds.Read(e.PersistenceId).Deployment));
        var status = Assert.Single(statuses);
        Assert.Equal("cloud", status.Deployment);
        Assert.Equal(DeploymentStatus.Ready, status.Status);
        Assert.Equal(["memcached", "keystone", "glance-api"], status.Services.Select(s => s.ServiceName));
        Assert.Equal(2, status.Nodes.Count);
    }
}
