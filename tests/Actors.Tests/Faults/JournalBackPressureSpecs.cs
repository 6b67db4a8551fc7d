using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Hosting;
using Orchestrator.Messages.Spec;
using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// A journal that stops taking writes for a while (here a SQLite file another connection holds a write lock on, as a
/// second process or a backup would; the breaker's call timeout shortened so that persists fail within seconds, as they
/// did under load at 500 nodes) fails the persists under way, the coordinator's included, and Akka stops a persistent
/// actor whose persist failed. The rollout must go on once the journal takes writes again: apply ends Ready, not
/// Progressing at its timeout, and never with a stack trace.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class JournalBackPressureSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(240);
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-back-pressure-").FullName;
    private SimulatedCluster.SimulatedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
    {
        Nodes = [new SimulatedNodeSpec("node-1"), new SimulatedNodeSpec("node-2")],
    });

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_journal_that_refuses_writes_for_a_while_slows_a_rollout_and_never_stalls_it()
    {
        var journal = Path.Combine(_folder, "journal.db");
        var spec = Path.Combine(_folder, "cloud.yaml");
        var cloud = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "cloud.yaml"));
        await File.WriteAllTextAsync(spec, cloud);
        // The shipped settings, with a breaker that gives up on a journal call after 2 s instead of 60 s.
        var akkaConfig = Path.Combine(_folder, "akka.hocon");
        await File.WriteAllTextAsync(akkaConfig, await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "akka.hocon")) + """

            akka.persistence.journal.sql.circuit-breaker { call-timeout = 2s, reset-timeout = 1s }
            akka.persistence.snapshot-store.sql.circuit-breaker { call-timeout = 2s, reset-timeout = 1s }
            """);
        using var process = FaultRun.Start(["apply", "-f", spec, "--kubeconfig", _cluster.WriteKubeconfig(Path.Combine(_folder, "kubeconfig")),
            "--journal", "sqlite:" + journal, "--akka-config", akkaConfig, "-o", "json", "--timeout", "150s"]);
        // The journal in use (its tables made, the coordinator's plan persisted): from here a lock refuses writes only.
        var clock = Stopwatch.StartNew();
        while (CoordinatorEvents(journal) == 0 && !process.HasExited && clock.Elapsed < Bound)
            await Task.Delay(10);
        Assert.False(process.HasExited, "apply ended before its coordinator persisted anything");

        var seen = new StringBuilder();
        await using (var locker = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journal, DefaultTimeout = 60 }.ToString()))
        {
            await locker.OpenAsync();
            await using (var begin = locker.CreateCommand())
            {
                // Readers go on (recoveries succeed); every write waits, and the breaker fails it.
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }
            // A new generation written meanwhile (as kubectl would): the coordinator has a plan to persist, and cannot.
            var changed = SpecLoader.Parse(cloud.Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal)).Deployment!;
            using (var adapter = KubernetesAdapterFactory.FromConfiguration(_cluster.ClientConfiguration(), Serilog.Core.Logger.None))
                await DeploymentObject.WriteAsync(adapter, changed, CancellationToken.None);
            string? line;
            do
            {
                line = await process.StandardError.ReadLineAsync().WaitAsync(Bound);
                seen.AppendLine(line);
            }
            while (line is not null && !(line.Contains("Failed to persist", StringComparison.Ordinal) && line.Contains("[deployment/", StringComparison.Ordinal)));
            Assert.True(line is not null, "apply ended without a failed persist of the coordinator: " + seen);
            await using var commit = locker.CreateCommand();
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        var result = await FaultRun.FinishAsync(process, Bound);

        Assert.True(result.ExitCode == 0, seen + result.Errors);
        Assert.Contains("\"state\": \"Ready\"", result.Out);
        Assert.False(result.HasStackTrace, seen + result.Errors);
    }

    /// <summary>How many events the coordinator has persisted (0 while the journal has no table yet).</summary>
    private static long CoordinatorEvents(string journal)
    {
        if (!File.Exists(journal))
            return 0;
        try
        {
            using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = journal, Mode = SqliteOpenMode.ReadOnly }.ToString());
            reader.Open();
            using var count = reader.CreateCommand();
            count.CommandText = "SELECT count(*) FROM journal WHERE persistence_id LIKE 'deployment/%'";
            return (long)count.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
    }
}
