using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// SQLite: the raw table lives in the journal's own database file, so it shares the journal mode, the disk and the
/// page cache; its DDL is the journal table's own (from sqlite_master) under the bench's names.
/// </summary>
public sealed partial class SqliteDialect : RawJournalDialect
{
    public override bool MultiRowInsert => false;

    public override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    public override async Task CreateLikeAsync(DbConnection connection, string source, string target, CancellationToken cancellationToken)
    {
        var statements = await QueryAsync(connection,
            $"SELECT sql FROM sqlite_master WHERE tbl_name = '{source}' AND sql IS NOT NULL ORDER BY type DESC", cancellationToken);
        if (statements.Count == 0)
            throw new InvalidOperationException($"the SQLite journal has no table {source}");
        foreach (var row in statements)
        {
            // "CREATE TABLE journal (...)" and "CREATE INDEX journal_x ON journal (...)" under the bench's names.
            var sql = IndexName().Replace((string)row[0]!, m => m.Groups[1].Value + "bench_" + m.Groups[2].Value);
            sql = TableName(source).Replace(sql, target);
            await ExecuteAsync(connection, sql, cancellationToken);
        }
    }

    public override async Task<IReadOnlyList<JournalColumn>> ColumnsAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        // table_info: cid, name, type, notnull, dflt_value, pk. An INTEGER PRIMARY KEY is the rowid: SQLite numbers it.
        var rows = await QueryAsync(connection, $"PRAGMA table_info({table})", cancellationToken);
        return rows.Select(r => new JournalColumn((string)r[1]!,
            Convert.ToInt64(r[5]) > 0 && string.Equals((string)r[2]!, "INTEGER", StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public override async Task<string> SettingsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var mode = (await QueryAsync(connection, "PRAGMA journal_mode", cancellationToken))[0][0];
        var synchronous = (await QueryAsync(connection, "PRAGMA synchronous", cancellationToken))[0][0];
        return $"SQLite {((SqliteConnection)connection).ServerVersion}, journal_mode={mode}, synchronous={synchronous}";
    }

    /// <summary>
    /// The database header's file change counter (bytes 24-27, big-endian), which every write transaction increments
    /// in the rollback-journal modes; in WAL mode it does not, and the count is unknown.
    /// </summary>
    public override async Task<long?> CommitCounterAsync(JournalBackend backend, CancellationToken cancellationToken)
    {
        if (backend.Location.SqliteFile is not { } file || File.Exists(file + "-wal"))
            return null;
        var header = new byte[28];
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await stream.ReadExactlyAsync(header, cancellationToken);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24, 4));
    }

    [GeneratedRegex(@"(CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?""?)(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex IndexName();

    private static Regex TableName(string table) => new($@"(?<![\w_])""?{Regex.Escape(table)}""?(?![\w_])");
}
