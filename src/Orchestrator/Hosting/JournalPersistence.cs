using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;

namespace Orchestrator.Hosting;

/// <summary>
/// Akka.Persistence.Sql on the orchestrator's journal: the one way every actor system of ours (`run` and `apply`,
/// `status` and `audit`, the bench's journal figures) configures it, with the settings a one-file SQLite database needs.
/// </summary>
public static class JournalPersistence
{
    /// <summary>
    /// Where Akka.Persistence.Sql's defaults do not fit SQLite. Added below akka.hocon, so an operator's file still
    /// overrides each of them.
    /// </summary>
    public const string SqliteSettings = """
        # Microsoft.Data.Sqlite opens a transaction of unspecified isolation as BEGIN IMMEDIATE, which takes the database's
        # write lock. Akka.Persistence.Sql reads in a transaction of its own on a pooled connection of its own (a recovery's
        # snapshot load, its highest sequence number, each replay batch), so recoveries running together queued on that
        # lock, and Microsoft.Data.Sqlite waits out SQLITE_BUSY in sleeps of 150 ms (SqliteDataReader.NextResult): about
        # 17 ms per recovered entity. read-uncommitted is the one level it opens as a deferred BEGIN; without a shared
        # cache SQLite still reads committed rows only, so the reads see what they saw before, without taking the lock.
        akka.persistence.journal.sql.read-isolation-level = read-uncommitted
        akka.persistence.snapshot-store.sql.read-isolation-level = read-uncommitted
        akka.persistence.query.journal.sql.read-isolation-level = read-uncommitted
        # SQLite has one writer: write transactions in parallel (the default is 3) only wait for each other, 150 ms at a
        # time as above. One at a time, the journal's batcher puts whatever arrives meanwhile into the next transaction.
        akka.persistence.journal.sql.parallelism = 1
        """;

    /// <summary>Akka.Persistence.Sql's journal, snapshot store and read journal on <paramref name="journal"/>.</summary>
    /// <param name="connectionString">The connection string to use (the location's, or with a pool size for PostgreSQL).</param>
    public static AkkaConfigurationBuilder WithJournal(this AkkaConfigurationBuilder builder, JournalLocation journal, string connectionString)
    {
        // Appended before WithSqlPersistence appends the plugin's own defaults: these take precedence over those, and
        // akka.hocon (prepended) over these.
        if (journal.ProviderName == JournalLocation.SqliteProvider)
            builder.AddHocon(SqliteSettings, HoconAddMode.Append);
        return builder.WithSqlPersistence(connectionString, journal.ProviderName);
    }
}
