using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Orchestrator.Actors.Services;
using Orchestrator.Hosting;
using Orchestrator.Messages.Services;
using Xunit.Abstractions;

namespace Orchestrator.Actors.Tests.Supervisors;

/// <summary>
/// A ServiceSupervisor with a long history in a SQLite journal: its first recovery replays everything and saves a
/// snapshot (the history was written without one), and every later recovery reads that snapshot plus only the events
/// after it, so recovery stays flat whether the history holds 1k or 100k events. Times are printed, the number of
/// replayed events is asserted (from the supervisor's own recovery log line).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SnapshotRecoverySpecs : Akka.TestKit.Xunit2.TestKit
{
    private const int After = 50;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ITestOutputHelper _output;
    private readonly string _journalFile;

    public SnapshotRecoverySpecs(ITestOutputHelper output) : this(output, Path.Combine(Directory.CreateTempSubdirectory("orchestrator-snapshots-").FullName, "journal.db"))
    {
    }

    private SnapshotRecoverySpecs(ITestOutputHelper output, string journalFile) : base(Config(journalFile))
    {
        _output = output;
        _journalFile = journalFile;
    }

    private static Akka.Configuration.Config Config(string journalFile)
    {
        var connection = JournalLocation.Parse("sqlite:" + journalFile).Location!.ConnectionString;
        return ConfigurationFactory.ParseString($$"""
                akka.loglevel = INFO
                akka.persistence.journal.plugin = "akka.persistence.journal.sql"
                akka.persistence.journal.sql { connection-string = "{{connection}}", provider-name = "SQLite.MS", auto-initialize = on }
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
                akka.persistence.snapshot-store.sql { connection-string = "{{connection}}", provider-name = "SQLite.MS", auto-initialize = on }
                """)
            .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName))))
            .WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public async Task Recovery_reads_the_last_snapshot_and_only_the_events_after_it(int history)
    {
        var every = Sys.Settings.Config.GetInt(Orchestrator.Actors.Supervision.SnapshotSchedule.ConfigPath);
        var persistenceId = await PersistenceIdAsync();
        var writer = Sys.ActorOf(Props.Create(() => new HistoryWriter(persistenceId)));
        await WriteAsync(writer, history);

        var full = await RecoverAsync($"{persistenceId} recovered from snapshot at 0 and {history} replayed event(s)");
        await AwaitConditionAsync(() => Task.FromResult(LatestSnapshot(persistenceId) == history), TimeSpan.FromSeconds(30));
        await WriteAsync(writer, After);
        var fromSnapshot = await RecoverAsync($"{persistenceId} recovered from snapshot at {history} and {After} replayed event(s)");

        _output.WriteLine($"history {history} events: first recovery (no snapshot) {full.TotalMilliseconds:0} ms replaying {history}; "
            + $"recovery from the snapshot {fromSnapshot.TotalMilliseconds:0} ms replaying {After} (snapshot every {every})");
    }

    /// <summary>One batch of at most <see cref="HistoryWriter.Batch"/> events at a time, each acknowledged before the next.</summary>
    private static async Task WriteAsync(IActorRef writer, int events)
    {
        for (var written = 0; written < events; written += HistoryWriter.Batch)
            await writer.Ask<int>(new HistoryWriter.Write(Math.Min(HistoryWriter.Batch, events - written)), TimeSpan.FromMinutes(1));
    }

    /// <summary>The id the supervisor persists under, asked of the supervisor itself (so a change of naming follows).</summary>
    private async Task<string> PersistenceIdAsync()
    {
        var probe = ActorOfAsTestActorRef<ServiceSupervisor>(Supervisor(), "probe");
        var id = probe.UnderlyingActor.PersistenceId;
        await WatchAndStopAsync(probe);
        return id;
    }

    private Props Supervisor() => ServiceSupervisor.Props(new Orchestrator.Messages.Deployments.DeploymentKey("openstack", "cloud"), "keystone", null!, TestActor, TimeProvider.System, TimeSpan.FromMilliseconds(50), TimeSpan.Zero);

    /// <summary>Starts a supervisor, waits until it answers (recovery is done before its first command), checks its recovery log, stops it.</summary>
    private async Task<TimeSpan> RecoverAsync(string expectedLog)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan took = default;
        await EventFilter.Info(contains: expectedLog).ExpectOneAsync(TimeSpan.FromMinutes(5), async () =>
        {
            var supervisor = Sys.ActorOf(Supervisor());
            await supervisor.Ask<ServiceStatusReport>(new GetServiceStatus("keystone"), TimeSpan.FromMinutes(5));
            took = clock.Elapsed;
            await WatchAndStopAsync(supervisor);
        });
        return took;
    }

    private async Task WatchAndStopAsync(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor, TimeSpan.FromSeconds(30));
        Unwatch(actor);
    }

    private long LatestSnapshot(string persistenceId)
    {
        using var connection = new SqliteConnection($"Data Source={_journalFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence_number), 0) FROM snapshot WHERE persistence_id = $id";
        command.Parameters.AddWithValue("$id", persistenceId);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Writes a service's history straight into the journal, in batches: the events a long-lived service accumulates.</summary>
    private sealed class HistoryWriter : ReceivePersistentActor
    {
        public const int Batch = 1000;

        public sealed record Write(int Events);

        public HistoryWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<object>(_ => { });
            Command<Write>(write =>
            {
                var sender = Sender;
                var batch = Enumerable.Range(0, write.Events).Select(i => (IServiceEvent)(i % 2 == 0
                    ? new ServiceRollingOut("keystone", "deployment keystone 1/2 ready", T0.AddSeconds(LastSequenceNr + i))
                    : new ServiceBecameReady("keystone", "deployment keystone 2/2 ready", T0.AddSeconds(LastSequenceNr + i)))).ToList();
                var left = batch.Count;
                PersistAll(batch, _ =>
                {
                    if (--left == 0)
                        sender.Tell(write.Events);
                });
            });
        }

        public override string PersistenceId { get; }
    }
}
