using Microsoft.Data.Sqlite;

namespace Orchestrator.Hosting;

/// <summary>
/// Puts a SQLite journal file in write-ahead-log mode before the actor system opens it (the mode is kept in the file, so
/// `status` and `audit` read it the same way). In SQLite's default rollback-journal mode a commit needs every reader
/// gone: while thousands of supervisors recover (each reads its snapshot, its highest sequence number and its events,
/// each in a transaction of its own) the journal's writer waits for them, the readers that arrive meanwhile are refused
/// (the writer's pending lock), and Microsoft.Data.Sqlite waits out each refusal in a blocking sleep of 150 ms on a
/// thread-pool thread. At 2,000 nodes that held the journal to ~100 events/s; with a write-ahead log readers and the
/// one writer no longer wait for each other.
/// </summary>
public static class SqliteWriteAheadLog
{
    /// <summary>Sets journal_mode=WAL on <paramref name="file"/> (created when missing); returns the mode SQLite reports.</summary>
    public static string Enable(string file)
    {
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        using var sqlite = new SqliteConnection(connection);
        sqlite.Open();
        using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        return (string)command.ExecuteScalar()!;
    }
}
