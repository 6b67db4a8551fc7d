using Orchestrator.Messages.Services;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// Events per second journaled through Akka.Persistence.Sql with Persist, PersistAll and PersistAsync, each against raw
/// ADO.NET inserts of the same serialized events into a table of the journal's shape, with the same events per
/// transaction, on the same database. One figure per journal: SQLite (a file in the work folder) and PostgreSQL.
/// </summary>
public sealed class JournalThroughputFigure(string name, Func<BenchRun, string, JournalBackend?> backendFor, double? persistAsyncFloor) : IBenchFigure
{
    /// <summary>Events per PersistAll command: a supervisor's decisions are small groups; 100 makes the grouping count.</summary>
    public const int PersistAllGroup = 100;

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static JournalThroughputFigure Sqlite() =>
        new("journal_vs_raw_sqlite", (_, folder) => JournalBackend.Sqlite(folder), persistAsyncFloor: 15_000);

    public static JournalThroughputFigure Postgres() =>
        new("journal_postgres", (run, _) => JournalBackend.Postgres(run.PostgresUrl), persistAsyncFloor: null);

    public string Name { get; } = name;

    /// <summary>A stage of the journal's path measured alone: how long the event serializer takes for the events.</summary>
    private static string SerializationCost(BenchJournalSystem journal, int count)
    {
        var events = BenchEvents.Make(count);
        var serializer = journal.EventSerializer;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long bytes = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            // The first pass warms the JIT and System.Text.Json's metadata; the second is the one quoted.
            clock.Restart();
            bytes = 0;
            foreach (var e in events)
                bytes += serializer.ToBinary(e).Length;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        return $"stage: the EventSerializer alone serializes {count / seconds:#,0} events/s ({bytes / count} bytes per event on average)";
    }

    public string What => "events/s through Akka.Persistence.Sql (Persist, PersistAll, PersistAsync) vs raw inserts, same grouping";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var folder = run.FolderFor(Name);
        if (backendFor(run, folder) is not { } backend)
            return FigureResult.Skip(Name, "none", "postgres (not given)",
                $"no PostgreSQL server: give --postgres URL or ${Cli.BenchCommand.PostgresEnvironmentVariable}");

        await using var journal = await BenchJournalSystem.StartAsync(backend.Location, run.AkkaHocon, cancellationToken);
        var runId = Guid.NewGuid().ToString("N")[..8];
        // The first write makes the journal create its table (auto-initialize), whose shape the raw table copies.
        await journal.PersistAsync($"bench/{runId}/init", PersistMode.Persist, BenchEvents.Make(2), 1, Timeout);
        var raw = await RawJournalTable.CreateAsync(backend.Dialect, backend.Location.ConnectionString, JournalBackend.JournalTable, cancellationToken);
        try
        {
            var batchSize = journal.System.Settings.Config.GetInt("akka.persistence.journal.sql.batch-size", 100);
            var modes = new (PersistMode Mode, int Events, int Group)[]
            {
                // Persist waits for each event: a commit (an fsync) per event, so fewer events make the same seconds.
                (PersistMode.Persist, run.Size(500), 1),
                (PersistMode.PersistAll, run.Size(20_000), PersistAllGroup),
                (PersistMode.PersistAsync, run.Size(20_000), batchSize),
            };
            var measurements = new List<Measurement>();
            var notes = new List<string>
            {
                await backend.SettingsAsync(cancellationToken),
                RecoveryFigure.JournalSettings(journal, "journal.sql.batch-size", "journal.sql.parallelism", "journal.sql.max-row-by-row-size",
                    "journal.sql.write-isolation-level"),
                "payloads: real service events (ServiceSpecChanged ... ServiceBecameReady) serialized by the project's EventSerializer on both sides; "
                    + (backend.Dialect.MultiRowInsert
                        ? $"raw inserts: multi-row INSERTs of up to {RawJournalTable.MaxRowsPerStatement} rows per statement, as the journal's batch writer sends them"
                        : "raw inserts: one prepared single-row INSERT per event inside each transaction (SQLite's fastest path in process)"),
                SerializationCost(journal, run.Size(20_000)),
                "inside Akka.Persistence.Sql (the library, not ours): a persistent actor has one write in flight at a time, so its commands' "
                    + "events, the journal's write queue (BatchWeighted, up to batch-size rows, parallelism transactions at once) and the commit "
                    + "run one after the other; a group of more than one row goes through linq2db's BulkCopy as multi-row INSERTs whose values "
                    + "are rendered into the SQL text as literals (prefer-parameters-on-multirow-insert = false; BasicBulkCopy.MultipleRowsCopy1Add), "
                    + "where the raw baseline binds a prepared statement's parameters",
            };
            async Task<long?> Counter() => await backend.Dialect.CommitCounterAsync(backend, cancellationToken);
            foreach (var (mode, count, assumedGroup) in modes)
            {
                var events = BenchEvents.Make(count + 1);
                // The raw side commits as many events per transaction as the journal did (counted on the database);
                // until a journal run has been counted, or where the database cannot count, the journal's setting.
                var groups = new Samples();
                int Group() => groups.Count > 0 ? Math.Max(1, (int)Math.Round(groups.Median)) : assumedGroup;
                run.Report(Name, $"{mode}: {count} events x {run.Repetitions} repetitions, each against raw inserts");
                var (value, baseline) = await PairedRuns.MeasureAsync(run.Repetitions,
                    async Task<double> (int i) =>
                    {
                        var (eventsPerSecond, commits) = await journal.PersistAsync($"bench/{runId}/{mode}/{i}", mode, events, assumedGroup, Timeout, Counter);
                        if (commits - backend.Dialect.CounterOwnCommits is > 0 and var journalCommits)
                            groups.Add((double)count / journalCommits);
                        return eventsPerSecond;
                    },
                    i => raw.InsertAsync($"raw/{runId}/{mode}/{i}", events, Group(), journal.EventSerializer, cancellationToken));
                List<GoalCondition> goal = [GoalCondition.RatioAtLeast(0.5)];
                if (mode == PersistMode.PersistAsync && persistAsyncFloor is { } floor)
                    goal.Add(GoalCondition.ValueAtLeast(floor));
                measurements.Add(new Measurement(mode.ToString(), value.Median, baseline.Median, "events/s",
                    $"raw inserts, {Group()} per transaction", goal, run.Repetitions));
                notes.Add(PairedRuns.Spread(mode.ToString(), value, baseline, "events/s"));
                notes.Add(groups.Count > 0
                    ? $"{mode}: the journal committed a median of {groups.Median:0.#} events per transaction (min {groups.Min:0.#}, max {groups.Max:0.#}), "
                        + $"counted on the database; the raw inserts used {Group()}; one raw commit took {1000 * Group() / baseline.Median:0.0} ms"
                    : $"{mode}: the database could not count the journal's transactions; the raw inserts used {assumedGroup} per transaction (the journal's setting)");
            }
            return new FigureResult(Name, "none (journal only)", backend.Location.Display, measurements, notes);
        }
        finally
        {
            await raw.DropAsync(CancellationToken.None);
        }
    }
}
