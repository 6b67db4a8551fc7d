using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestrator.Actors.Serialization;
using Orchestrator.Hosting;

namespace Orchestrator.Audit;

/// <summary>
/// Looks at a journal that JournalPreflight found readable, before the commands that read its history (`status`,
/// `audit`, `explain`) replay it: an empty journal, or one written by a newer orchestrator (a manifest version this
/// binary does not know), is one line instead of an empty table or a stack trace from deep in a stream.
/// </summary>
public static class JournalCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Null when the journal can be read; otherwise why not, in one line naming the journal (never its password).</summary>
    public static async Task<string?> ProblemAsync(JournalLocation journal, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = Connect(journal);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT manifest FROM journal";
            var manifests = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    if (!reader.IsDBNull(0))
                        manifests.Add(reader.GetString(0));
            if (manifests.Count == 0)
                return $"journal {journal.Display} is empty: nothing was applied with it yet";
            if (manifests.Order(StringComparer.Ordinal).FirstOrDefault(EventManifests.IsNewer) is { } newer)
                return $"journal {journal.Display} was written by a newer orchestrator: it holds {newer}, this one reads up to "
                    + $"v{EventManifests.KnownVersion(EventManifests.Parse(newer).Name)} of {EventManifests.Parse(newer).Name}";
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return $"journal {journal.Display} is empty: nothing was applied with it yet";
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return $"journal {journal.Display} is empty: nothing was applied with it yet";
        }
        catch (Exception e) when (e is DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // JournalPreflight has already opened it; this is a journal that failed between the two looks.
            return $"journal {journal.Display} cannot be read: {FirstLine(e.InnerException?.Message ?? e.Message)}";
        }
    }

    private static DbConnection Connect(JournalLocation journal)
    {
        if (journal.SqliteFile is not null)
        {
            var builder = new SqliteConnectionStringBuilder(journal.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            return new SqliteConnection(builder.ToString());
        }
        var postgres = new NpgsqlConnectionStringBuilder(journal.ConnectionString) { Timeout = (int)ConnectTimeout.TotalSeconds, Pooling = false };
        return new NpgsqlConnection(postgres.ToString());
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
