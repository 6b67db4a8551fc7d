using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orchestrator.Hosting;

/// <summary>
/// Opens the journal once, before any actor system starts and before anything is written to the cluster, and says in
/// one line why it cannot be used: `sqlite:c.db: not a SQLite database`, `postgres://u:***@127.0.0.1:1/db: connection
/// refused`. Without it, Akka.Persistence meets the same fault in every persistent actor at once, retries it behind a
/// circuit breaker and the command ends ~30 s later in thousands of lines of stack traces. The password never appears.
/// </summary>
public static class JournalPreflight
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Null when the journal can be used, else the one line that says why not.
    /// </summary>
    /// <param name="forWriting">apply and run write (a missing SQLite file is created, a read-only one refused);
    /// status and audit only read (a missing file is refused).</param>
    public static async Task<string?> CheckAsync(JournalLocation journal, bool forWriting, CancellationToken cancellationToken,
        TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var shown = Shown(journal);
        try
        {
            var check = journal.SqliteFile is { } file
                ? Task.Run(() => CheckSqlite(file, forWriting, limit), cancellationToken)
                : CheckPostgresAsync(journal.ConnectionString, limit, cancellationToken);
            var problem = await check.WaitAsync(limit + TimeSpan.FromSeconds(1), cancellationToken);
            return problem is null ? null : $"{shown}: {problem}";
        }
        catch (TimeoutException)
        {
            return $"{shown}: no answer within {limit.TotalSeconds:0} s";
        }
    }

    /// <summary>The journal as it may be shown: for PostgreSQL with the password as ***, so a reader sees that one was given.</summary>
    public static string Shown(JournalLocation journal)
    {
        if (journal.SqliteFile is not null)
            return journal.Display;
        var builder = new NpgsqlConnectionStringBuilder(journal.ConnectionString);
        var user = builder.Username is null ? "" : builder.Username + (string.IsNullOrEmpty(builder.Password) ? "" : ":***") + "@";
        return $"postgres://{user}{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static string? CheckSqlite(string file, bool forWriting, TimeSpan timeout)
    {
        if (Directory.Exists(file))
            return "is a directory, not a SQLite database file";
        if (!File.Exists(file))
        {
            if (!forWriting)
                return "no journal there (nothing was applied with it yet)";
            var folder = Path.GetDirectoryName(file)!;
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot create its folder {folder}: {e.Message}";
            }
        }
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = forWriting ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)timeout.TotalSeconds),
        }.ToString();
        try
        {
            using var sqlite = new SqliteConnection(connection);
            sqlite.Open();
            using var command = sqlite.CreateCommand();
            // Reading the schema reads the header (a file that is not a database fails here); BEGIN IMMEDIATE takes the
            // write lock that every persist will need, so a read-only file or another writer holding it is found now.
            command.CommandText = forWriting
                ? "SELECT count(*) FROM sqlite_master; BEGIN IMMEDIATE; ROLLBACK;"
                : "SELECT count(*) FROM sqlite_master;";
            command.ExecuteNonQuery();
            return null;
        }
        catch (SqliteException e)
        {
            return e.SqliteErrorCode switch
            {
                26 => "not a SQLite database",
                11 => "the SQLite database is corrupt",
                8 => "read-only: the journal cannot be written here",
                5 or 6 => "locked by another process (is another command using this journal?)",
                14 => "cannot be opened (missing permission, or its folder is not writable)",
                _ => Plain(e.Message),
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Plain(e.Message);
        }
    }

    private static async Task<string?> CheckPostgresAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = Math.Max(1, (int)timeout.TotalSeconds),
            CommandTimeout = Math.Max(1, (int)timeout.TotalSeconds),
            Pooling = false,
        };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (PostgresException e)
        {
            // The server's own words; they name the user or the database, never the password.
            return e.MessageText;
        }
        catch (NpgsqlException e)
        {
            return Cause(e, timeout);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return Cause(e, timeout);
        }
    }

    private static string Cause(Exception error, TimeSpan timeout)
    {
        if (SocketCause.Of(error) is { } refused)
            return refused;
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException:
                    return $"no answer within {timeout.TotalSeconds:0} s";
                case System.Security.Authentication.AuthenticationException tls:
                    return "TLS: " + Plain(tls.Message);
            }
        }
        var innermost = error;
        while (innermost.InnerException is not null)
            innermost = innermost.InnerException;
        return Plain(innermost.Message);
    }

    /// <summary>"SQLite Error 26: 'file is not a database'." reads as "file is not a database".</summary>
    private static string Plain(string message)
    {
        var text = message.ReplaceLineEndings(" ").Trim();
        if (text.StartsWith("SQLite Error", StringComparison.Ordinal) && text.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
            text = text[(colon + 2)..].Trim('\'', '.', ' ');
        return text;
    }
}
