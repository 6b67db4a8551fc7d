using System.Data.Common;
using System.Diagnostics;
using Akka.Serialization;
using Orchestrator.Messages.Services;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// The baselines of the journal figures, in plain ADO.NET: inserts of the same serialized events into a table of the
/// journal's shape with the same number of events per transaction, and a plain SELECT of a journal's rows.
/// </summary>
public sealed class RawJournalTable(RawJournalDialect dialect, string connectionString, string table, IReadOnlyList<JournalColumn> columns)
{
    public const string Name = "bench_raw_journal";

    /// <summary>Akka.Persistence.Sql's db-round-trip-max-batch-size: the most rows it sends in one statement.</summary>
    public const int MaxRowsPerStatement = 1000;

    /// <summary>Creates the bench's raw table beside <paramref name="journalTable"/>, with its shape.</summary>
    public static async Task<RawJournalTable> CreateAsync(RawJournalDialect dialect, string connectionString, string journalTable, CancellationToken cancellationToken)
    {
        await using var connection = dialect.Connect(connectionString);
        await connection.OpenAsync(cancellationToken);
        await dialect.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Name}", cancellationToken);
        await dialect.CreateLikeAsync(connection, journalTable, Name, cancellationToken);
        return new RawJournalTable(dialect, connectionString, Name, await dialect.ColumnsAsync(connection, Name, cancellationToken));
    }

    /// <summary>An existing table (the journal's own, to seed it with rows as the journal writes them).</summary>
    public static async Task<RawJournalTable> OpenAsync(RawJournalDialect dialect, string connectionString, string existingTable, CancellationToken cancellationToken)
    {
        await using var connection = dialect.Connect(connectionString);
        await connection.OpenAsync(cancellationToken);
        return new RawJournalTable(dialect, connectionString, existingTable, await dialect.ColumnsAsync(connection, existingTable, cancellationToken));
    }

    public async Task DropAsync(CancellationToken cancellationToken)
    {
        await using var connection = dialect.Connect(connectionString);
        await connection.OpenAsync(cancellationToken);
        await dialect.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {table}", cancellationToken);
    }

    /// <summary>
    /// Serializes and inserts the events, <paramref name="group"/> per transaction (on a server as multi-row INSERTs of
    /// up to <see cref="MaxRowsPerStatement"/> rows, as the journal's batch writer sends a batch), and returns the events
    /// per second; like the journal's figure, the first event is written before the clock starts.
    /// </summary>
    public async Task<double> InsertAsync(string persistenceId, IReadOnlyList<IServiceEvent> events, int group, Serializer serializer,
        CancellationToken cancellationToken)
    {
        var written = columns.Where(c => !c.Generated).ToList();
        var manifests = (SerializerWithStringManifest)serializer;
        await using var connection = dialect.Connect(connectionString);
        await connection.OpenAsync(cancellationToken);
        var statements = new Dictionary<int, (DbCommand Command, List<DbParameter> Parameters)>();
        var writer = Guid.NewGuid().ToString("N");

        (DbCommand Command, List<DbParameter> Parameters) StatementFor(int rows)
        {
            if (statements.TryGetValue(rows, out var statement))
                return statement;
            var command = connection.CreateCommand();
            var parameters = new List<DbParameter>();
            var values = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", written.Select((_, c) =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{r}_{c}";
                command.Parameters.Add(parameter);
                parameters.Add(parameter);
                return parameter.ParameterName;
            })) + ")");
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", written.Select(c => c.Name))}) VALUES {string.Join(", ", values)}";
            return statements[rows] = (command, parameters);
        }

        async Task WriteGroupAsync(int start, int count)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var perStatement = dialect.MultiRowInsert ? MaxRowsPerStatement : 1;
            for (var first = start; first < start + count; first += perStatement)
            {
                var rows = Math.Min(perStatement, start + count - first);
                var (insert, parameters) = StatementFor(rows);
                insert.Transaction = transaction;
                for (var r = 0; r < rows; r++)
                {
                    var e = events[first + r];
                    var row = new JournalRow(persistenceId, first + r + 1, manifests.Manifest(e), serializer.ToBinary(e), serializer.Identifier, writer);
                    for (var c = 0; c < written.Count; c++)
                        parameters[r * written.Count + c].Value = row.ValueOf(written[c].Name);
                }
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        try
        {
            await WriteGroupAsync(0, 1);
            var clock = Stopwatch.StartNew();
            for (var i = 1; i < events.Count; i += group)
                await WriteGroupAsync(i, Math.Min(group, events.Count - i));
            return (events.Count - 1) / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var (command, _) in statements.Values)
                await command.DisposeAsync();
        }
    }

    /// <summary>Writes every entity's events in one transaction: a fast way to fill the journal's table for a replay.</summary>
    public async Task SeedAsync(IReadOnlyList<string> persistenceIds, IReadOnlyList<IServiceEvent> events, Serializer serializer, CancellationToken cancellationToken)
    {
        var written = columns.Where(c => !c.Generated).ToList();
        var manifests = (SerializerWithStringManifest)serializer;
        var payloads = events.Select(e => (Manifest: manifests.Manifest(e), Payload: serializer.ToBinary(e))).ToList();
        await using var connection = dialect.Connect(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", written.Select(c => c.Name))}) "
            + $"VALUES ({string.Join(", ", written.Select((_, i) => "@p" + i))})";
        var parameters = written.Select((_, i) =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@p" + i;
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToList();
        var writer = Guid.NewGuid().ToString("N");
        foreach (var id in persistenceIds)
            for (var i = 0; i < payloads.Count; i++)
            {
                var row = new JournalRow(id, i + 1, payloads[i].Manifest, payloads[i].Payload, serializer.Identifier, writer);
                for (var c = 0; c < written.Count; c++)
                    parameters[c].Value = row.ValueOf(written[c].Name);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Reads every column of every row of the given persistence ids from <paramref name="journalTable"/>, in sequence
    /// order, one query per id as a replay asks; returns the seconds and the rows read. Nothing is deserialized.
    /// </summary>
    public static async Task<(double Seconds, long Rows)> SelectAsync(RawJournalDialect dialect, string connectionString, string journalTable,
        IReadOnlyList<string> persistenceIds, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = dialect.Connect(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM {journalTable} WHERE persistence_id = @id ORDER BY sequence_number";
        var id = select.CreateParameter();
        id.ParameterName = "@id";
        select.Parameters.Add(id);
        long rows = 0;
        foreach (var persistenceId in persistenceIds)
        {
            id.Value = persistenceId;
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetValues(values);
                rows++;
            }
        }
        return (clock.Elapsed.TotalSeconds, rows);
    }
}
