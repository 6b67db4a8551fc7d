using System.Data.Common;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// What differs between SQLite and PostgreSQL for the raw baselines: how to copy the journal table's shape (columns,
/// keys and indexes) to a table of the bench's own, and how to read which columns it has.
/// </summary>
public abstract class RawJournalDialect
{
    public abstract DbConnection Connect(string connectionString);

    /// <summary>Creates <paramref name="target"/> with the columns, keys and indexes of <paramref name="source"/>.</summary>
    public abstract Task CreateLikeAsync(DbConnection connection, string source, string target, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<JournalColumn>> ColumnsAsync(DbConnection connection, string table, CancellationToken cancellationToken);

    /// <summary>The settings value and baseline share, for the figure's notes (journal mode, synchronous, server version).</summary>
    public abstract Task<string> SettingsAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A number that grows by one with every committed write transaction on the database (null where it cannot be
    /// read), so a figure can count how many transactions the journal used for its events.
    /// </summary>
    public abstract Task<long?> CommitCounterAsync(JournalBackend backend, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a group of rows goes as one multi-row INSERT (a server: one round trip per group) or as one prepared
    /// single-row INSERT per row inside the transaction (SQLite runs in this process: no round trips to save, and its
    /// driver binds thousands of named parameters slowly).
    /// </summary>
    public abstract bool MultiRowInsert { get; }

    /// <summary>How much one reading of the counter adds to it itself.</summary>
    public virtual int CounterOwnCommits => 0;

    public async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
