using System.Diagnostics;
using Akka.Serialization;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// Replay speed of the SQLite journal: the events per second a persistent actor recovers (100,000 events of one entity,
/// and 1,000 entities of 100 events each), against a plain SELECT of the same rows from the same table.
/// </summary>
public sealed class RecoveryFigure : IBenchFigure
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public string Name => "recovery_events_per_second";

    public string What => "replay through Akka.Persistence.Sql on SQLite (one long entity; many short ones) vs a raw SELECT of the same rows";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var backend = JournalBackend.Sqlite(run.FolderFor(Name));
        await using var journal = await BenchJournalSystem.StartAsync(backend.Location, run.AkkaHocon, cancellationToken);
        var longCount = run.Size(100_000);
        var entities = run.Size(1_000);
        const int shortCount = 100;

        // The journal writes its first entity itself (and so creates its table); the rest are seeded in big
        // transactions of rows of the same shape, which the replay below checks by count. Writing them through the
        // journal would take minutes and measures nothing this figure is about.
        run.Report(Name, $"seeding {longCount} events of one entity and {entities} entities x {shortCount} events");
        var shortIds = Enumerable.Range(0, entities).Select(i => $"bench/recovery/short-{i}").ToList();
        var shortEvents = BenchEvents.Make(shortCount);
        await journal.PersistAsync(shortIds[0], PersistMode.PersistAll, shortEvents, shortCount, Timeout);
        var table = await RawJournalTable.OpenAsync(backend.Dialect, backend.Location.ConnectionString, JournalBackend.JournalTable, cancellationToken);
        var longId = "bench/recovery/long";
        await table.SeedAsync([longId], BenchEvents.Make(longCount), journal.EventSerializer, cancellationToken);
        await table.SeedAsync(shortIds.Skip(1).ToList(), shortEvents, journal.EventSerializer, cancellationToken);

        var measurements = new List<Measurement>();
        var notes = new List<string>
        {
            await backend.SettingsAsync(cancellationToken),
            JournalSettings(journal, "journal.sql.replay-batch-size", "max-concurrent-recoveries", "journal.sql.read-isolation-level",
                "snapshot-store.sql.read-isolation-level"),
            "baseline: SELECT * of the same rows, one query per persistence id in sequence order, values read but not deserialized",
        };
        foreach (var (label, ids, expected) in new (string, IReadOnlyList<string>, long)[]
        {
            ($"1 entity x {longCount:#,0} events", [longId], longCount),
            ($"{entities:#,0} entities x {shortCount} events", shortIds, (long)entities * shortCount),
        })
        {
            run.Report(Name, $"replaying {label} x {run.SlowRepetitions} repetitions, each against a raw SELECT");
            var (value, baseline) = await PairedRuns.MeasureAsync(run.SlowRepetitions,
                async Task<double> (int _) =>
                {
                    var (seconds, events) = await journal.RecoverAsync(ids, Timeout);
                    if (events != expected)
                        throw new InvalidOperationException($"{label}: replayed {events} events, expected {expected}");
                    return events / seconds;
                },
                async Task<double> (int _) =>
                {
                    var (seconds, rows) = await RawJournalTable.SelectAsync(backend.Dialect, backend.Location.ConnectionString,
                        JournalBackend.JournalTable, ids, cancellationToken);
                    if (rows != expected)
                        throw new InvalidOperationException($"{label}: the raw SELECT read {rows} rows, expected {expected}");
                    return rows / seconds;
                });
            measurements.Add(new Measurement(label, value.Median, baseline.Median, "events/s", "raw SELECT of the same rows",
                [GoalCondition.ValueAtLeast(150_000)], run.SlowRepetitions));
            notes.Add(PairedRuns.Spread(label, value, baseline, "events/s"));
        }
        notes.Add("inside Akka.Persistence.Sql (the library, not ours): a recovery is a snapshot load, a highest sequence number query and the "
            + "replay, each in a transaction of its own on a newly cloned linq2db DataConnection; SqlWriteJournal.ReplayMessagesAsync runs the "
            + "replay as an Akka Streams graph (Source.From over BaseJournalDaoWithReadMessages.MessagesWithBatchAsync, Take, SelectAsync, "
            + "RunForeach), which materializes a second graph per batch of replay-batch-size rows (AsyncSource, the deserializing flow, "
            + "RunAsAsyncEnumerable) and hands every event across both; the rows are read through linq2db's mapping of its JournalRow; the "
            + "stages below split that time");
        notes.Add(await ReplayStages.JournalActorAsync(journal, longId, longCount, Timeout));
        notes.Add(await ReplayStages.QueryAndDeserializeAsync(journal, longId, longCount));
        notes.Add(await EmptyRecoveryCostAsync(journal, run.Size(200)));
        notes.Add(await DeserializationCostAsync(backend, journal.EventSerializer, longId, cancellationToken));
        return new FigureResult(Name, "none (journal only)", backend.Location.Display, measurements, notes);
    }

    /// <summary>The journal's settings as the actor system resolved them (akka.hocon over ours over the plugin's defaults).</summary>
    public static string JournalSettings(BenchJournalSystem journal, params string[] paths) =>
        string.Join(", ", paths.Select(p => $"akka.persistence.{p} = {journal.System.Settings.Config.GetString("akka.persistence." + p, "(unset)")}"));

    /// <summary>A stage of the replay measured alone: what recovering an entity costs when it has no events at all.</summary>
    private static async Task<string> EmptyRecoveryCostAsync(BenchJournalSystem journal, int entities)
    {
        var ids = Enumerable.Range(0, entities).Select(i => $"bench/recovery/empty-{Guid.NewGuid():N}").ToList();
        var (seconds, _) = await journal.RecoverAsync(ids, Timeout);
        return $"stage: recovering {entities} entities without events takes {1000 * seconds / entities:0.0} ms per entity "
            + "(the fixed cost of a recovery: a snapshot load, a highest sequence number query, each in a transaction of its own)";
    }

    /// <summary>A stage of the replay measured alone: the event serializer turning the stored payloads back into events.</summary>
    private static async Task<string> DeserializationCostAsync(JournalBackend backend, Serializer serializer, string persistenceId, CancellationToken cancellationToken)
    {
        var payloads = new List<(byte[] Payload, string Manifest)>();
        await using (var connection = backend.Dialect.Connect(backend.Location.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT message, manifest FROM {JournalBackend.JournalTable} WHERE persistence_id = @id";
            var id = select.CreateParameter();
            id.ParameterName = "@id";
            id.Value = persistenceId;
            select.Parameters.Add(id);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                payloads.Add(((byte[])reader.GetValue(0), reader.GetString(1)));
        }
        var manifests = (SerializerWithStringManifest)serializer;
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < 2; pass++)
        {
            // The first pass warms the JIT and System.Text.Json's metadata; the second is the one quoted.
            clock.Restart();
            foreach (var (payload, manifest) in payloads)
                manifests.FromBinary(payload, manifest);
        }
        return $"stage: the EventSerializer alone deserializes {payloads.Count / clock.Elapsed.TotalSeconds:#,0} events/s of the same payloads";
    }
}
