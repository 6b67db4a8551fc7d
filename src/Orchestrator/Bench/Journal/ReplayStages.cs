using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Db;
using Akka.Persistence.Sql.Extensions;
using SqlJournalRow = Akka.Persistence.Sql.Journal.Types.JournalRow;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// The stages of a replay measured one at a time, on the same rows as the recovery figure, to say where its time goes:
/// the journal's own query and the deserializer without the journal actor's stream plumbing; the journal actor's replay
/// without a persistent actor behind it. What is left of a recovery's time beyond the second is the persistent actor's.
/// </summary>
public static class ReplayStages
{
    /// <summary>
    /// Akka.Persistence.Sql's replay query (its own linq2db mapping and connection factory, a transaction per batch of
    /// replay-batch-size rows, as its DAO runs it) and the EventSerializer, called in a plain loop.
    /// </summary>
    public static async Task<string> QueryAndDeserializeAsync(BenchJournalSystem journal, string persistenceId, long expected)
    {
        var config = new JournalConfig(journal.System.Settings.Config.GetConfig("akka.persistence.journal.sql")
            .WithFallback(SqlPersistence.DefaultJournalConfiguration));
        var connections = new AkkaPersistenceDataConnectionFactory(config);
        var serialization = journal.System.Serialization;
        var batch = config.DaoConfig.ReplayBatchSize;
        long events = 0;
        long next = 1;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var from = next;
            var rows = await connections.ExecuteWithTransactionAsync(config.ReadIsolationLevel, CancellationToken.None, (connection, token) =>
                LinqToDB.Async.AsyncExtensions.ToListAsync(connection.GetTable<SqlJournalRow>()
                    .Where(r => r.PersistenceId == persistenceId && r.SequenceNumber >= from && !r.Deleted)
                    .OrderBy(r => r.SequenceNumber)
                    .Take(batch), token));
            foreach (var row in rows)
            {
                serialization.Deserialize(row.Message, row.Identifier ?? throw new InvalidOperationException("a journal row without a serializer id"), row.Manifest);
                events++;
            }
            if (rows.Count < batch)
                break;
            next = rows[^1].SequenceNumber + 1;
        }
        if (events != expected)
            throw new InvalidOperationException($"the replay query read {events} events, expected {expected}");
        return $"stage: the journal's replay query (linq2db, a transaction per {batch} rows) and the EventSerializer in a plain loop, "
            + $"without the journal actor's streams: {events / clock.Elapsed.TotalSeconds:#,0} events/s for one entity of {events:#,0}";
    }

    /// <summary>The journal actor's replay (ReplayMessages, answered event by event) counted by a plain actor: no persistent actor.</summary>
    public static async Task<string> JournalActorAsync(BenchJournalSystem journal, string persistenceId, long expected, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = journal.System.ActorOf(Props.Create(() => new ReplayCounter(done)));
        try
        {
            var clock = Stopwatch.StartNew();
            Persistence.Instance.Apply(journal.System).JournalFor(null)
                .Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, persistenceId, counter), counter);
            var events = await done.Task.WaitAsync(timeout);
            if (events != expected)
                throw new InvalidOperationException($"the journal actor replayed {events} events, expected {expected}");
            return $"stage: the journal actor's replay alone (ReplayMessages to SqlWriteJournal, counted by a plain actor): "
                + $"{events / clock.Elapsed.TotalSeconds:#,0} events/s for one entity of {events:#,0}";
        }
        finally
        {
            journal.System.Stop(counter);
        }
    }

    private sealed class ReplayCounter(TaskCompletionSource<long> done) : UntypedActor
    {
        private long _events;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case ReplayedMessage:
                    _events++;
                    break;
                case RecoverySuccess:
                    done.TrySetResult(_events);
                    break;
                case ReplayMessagesFailure failure:
                    done.TrySetException(failure.Cause);
                    break;
            }
        }
    }
}
