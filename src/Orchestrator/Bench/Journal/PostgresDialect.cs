using System.Data.Common;
using Npgsql;

namespace Orchestrator.Bench.Journal;

/// <summary>PostgreSQL: the raw table is <c>CREATE TABLE ... (LIKE journal INCLUDING ALL)</c> in the same database.</summary>
public sealed class PostgresDialect : RawJournalDialect
{
    public override bool MultiRowInsert => true;

    public override DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);

    public override Task CreateLikeAsync(DbConnection connection, string source, string target, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"CREATE TABLE {target} (LIKE {source} INCLUDING ALL)", cancellationToken);

    public override async Task<IReadOnlyList<JournalColumn>> ColumnsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection,
            $"SELECT column_name, is_identity, column_default FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position",
            cancellationToken);
        return rows.Select(r => new JournalColumn((string)r[0]!,
            (string?)r[1] == "YES" || ((r[2] as string)?.StartsWith("nextval", StringComparison.Ordinal) ?? false))).ToList();
    }

    /// <summary>
    /// The next transaction id: every writing transaction on the server takes one (this query too, which the caller
    /// subtracts), so on a server of its own the difference counts the journal's commits.
    /// </summary>
    public override int CounterOwnCommits => 1;

    public override async Task<long?> CommitCounterAsync(JournalBackend backend, CancellationToken cancellationToken)
    {
        await using var connection = Connect(backend.Location.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var id = (await QueryAsync(connection, "SELECT pg_current_xact_id()::text::bigint", cancellationToken))[0][0];
        return Convert.ToInt64(id);
    }

    public override async Task<string> SettingsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var commit = (await QueryAsync(connection, "SHOW synchronous_commit", cancellationToken))[0][0];
        return $"PostgreSQL {((NpgsqlConnection)connection).PostgreSqlVersion}, synchronous_commit={commit}";
    }
}
