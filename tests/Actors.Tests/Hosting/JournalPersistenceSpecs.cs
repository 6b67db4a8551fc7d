using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Orchestrator.Hosting;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Tests.Hosting;

/// <summary>
/// The SQLite journal as every actor system of ours configures it (<see cref="JournalPersistence"/>): reads do not take
/// the database's write lock, so a recovery goes on while another connection holds it, and akka.hocon still has the last word.
/// </summary>
public sealed class JournalPersistenceSpecs : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("orchestrator-journal-");

    private JournalLocation Journal => JournalLocation.Parse("sqlite:" + Path.Combine(_folder.FullName, "journal.db")).Location!;

    private static string ShippedHocon => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName));

    [Fact]
    public async Task A_recovery_reads_its_events_while_another_connection_holds_the_write_lock()
    {
        await using var host = await JournalOnlyHost.StartAsync("test", Journal, ShippedHocon, CancellationToken.None);
        var writer = host.System.ActorOf(Props.Create(() => new CountingActor("service/ns/cloud/keystone")));
        for (var i = 0; i < 3; i++)
            Assert.Equal(i + 1, await writer.Ask<long>(new ServiceBecameReady("keystone", $"ready {i}", DateTimeOffset.UnixEpoch), Bound));
        await writer.GracefulStop(Bound);

        await using var holder = new SqliteConnection(Journal.ConnectionString);
        await holder.OpenAsync();
        await using (var command = holder.CreateCommand())
        {
            // What a write transaction of the journal, the snapshot store or another process holds while it writes.
            command.CommandText = "BEGIN IMMEDIATE";
            await command.ExecuteNonQueryAsync();
        }
        try
        {
            var reader = host.System.ActorOf(Props.Create(() => new CountingActor("service/ns/cloud/keystone")));
            Assert.Equal(3, await reader.Ask<long>(CountingActor.Count.Instance, Bound));
        }
        finally
        {
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Sqlite_reads_are_deferred_and_writes_one_at_a_time_unless_akka_hocon_says_otherwise()
    {
        await using (var shipped = await JournalOnlyHost.StartAsync("test", Journal, ShippedHocon, CancellationToken.None))
        {
            var config = shipped.System.Settings.Config;
            Assert.Equal("read-uncommitted", config.GetString("akka.persistence.journal.sql.read-isolation-level"));
            Assert.Equal("read-uncommitted", config.GetString("akka.persistence.snapshot-store.sql.read-isolation-level"));
            Assert.Equal("read-uncommitted", config.GetString("akka.persistence.query.journal.sql.read-isolation-level"));
            Assert.Equal(1, config.GetInt("akka.persistence.journal.sql.parallelism"));
        }

        var tuned = ShippedHocon + "\nakka.persistence.journal.sql.parallelism = 2\n";
        await using var operatorTuned = await JournalOnlyHost.StartAsync("test", Journal, tuned, CancellationToken.None);
        Assert.Equal(2, operatorTuned.System.Settings.Config.GetInt("akka.persistence.journal.sql.parallelism"));
    }

    [Fact]
    public async Task A_persist_commits_while_another_connection_is_in_the_middle_of_a_read()
    {
        var file = Journal.SqliteFile!;
        Assert.Equal("wal", SqliteWriteAheadLog.Enable(file));
        await using var host = await JournalOnlyHost.StartAsync("test", Journal, ShippedHocon, CancellationToken.None);
        var writer = host.System.ActorOf(Props.Create(() => new CountingActor("service/ns/cloud/keystone")));
        Assert.Equal(1, await writer.Ask<long>(new ServiceBecameReady("keystone", "ready 0", DateTimeOffset.UnixEpoch), Bound));

        // What a recovery does between its queries: a read transaction that has read and is still open. In SQLite's
        // default rollback-journal mode a commit waits until no reader is left (and a reader arriving meanwhile is refused);
        // with the write-ahead log the journal's writer commits beside it.
        await using var reader = new SqliteConnection(Journal.ConnectionString);
        await reader.OpenAsync();
        await using var read = reader.CreateCommand();
        read.CommandText = "BEGIN; SELECT count(*) FROM journal;";
        Assert.Equal(1L, (long)(await read.ExecuteScalarAsync())!);
        try
        {
            // Bounded by the journal's own call timeout (60 s in akka.hocon): were the commit held back, the persist would fail.
            Assert.Equal(2, await writer.Ask<long>(new ServiceBecameReady("keystone", "ready 1", DateTimeOffset.UnixEpoch), Bound));
        }
        finally
        {
            await using var end = reader.CreateCommand();
            end.CommandText = "COMMIT";
            await end.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public void The_write_ahead_log_is_kept_in_the_journal_file_for_every_later_connection()
    {
        var file = Journal.SqliteFile!;

        Assert.Equal("wal", SqliteWriteAheadLog.Enable(file));
        Assert.Equal("wal", SqliteWriteAheadLog.Enable(file));

        using var later = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        later.Open();
        using var mode = later.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)mode.ExecuteScalar()!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>Persists each service event it is sent and answers how many it holds; Count answers after recovery.</summary>
    private sealed class CountingActor : ReceivePersistentActor
    {
        public sealed class Count
        {
            public static readonly Count Instance = new();
        }

        private long _events;

        public CountingActor(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<IServiceEvent>(_ => _events++);
            Command<IServiceEvent>(e => Persist(e, _ => Sender.Tell(++_events)));
            Command<Count>(_ => Sender.Tell(_events));
        }

        public override string PersistenceId { get; }
    }
}
