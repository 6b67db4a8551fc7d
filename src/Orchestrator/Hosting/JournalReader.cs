using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Orchestrator.Hosting;

/// <summary>One journaled event as the read journal gives it back: whose, which, and the event itself.</summary>
public sealed record JournalEntry(string PersistenceId, long SequenceNr, object Event);

/// <summary>
/// Reads a journal back through Akka.Persistence.Query (the SQL read journal), in a <see cref="JournalOnlyHost"/> of its
/// own: no remoting, no cluster, only the journal plugin and the event serializer of the HOCON file.
/// </summary>
public sealed class JournalReader : IAsyncDisposable
{
    private readonly JournalOnlyHost _host;
    private readonly ActorSystem _system;

    private JournalReader(JournalOnlyHost host)
    {
        _host = host;
        _system = host.System;
    }

    public static async Task<JournalReader> OpenAsync(JournalLocation journal, string akkaHocon, CancellationToken cancellationToken) =>
        new(await JournalOnlyHost.StartAsync("reader", journal, akkaHocon, cancellationToken));

    /// <summary>Every event of every persistent actor, each actor's in order, actors by persistence id.</summary>
    public Task<IReadOnlyList<JournalEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        ReadAfterAsync(new Dictionary<string, long>(), cancellationToken);

    /// <summary>
    /// The events after the sequence numbers already read (<paramref name="read"/>, per persistence id, updated here):
    /// one poll of `audit --follow`. Ids are listed anew each time, so an actor that appears later is read too.
    /// </summary>
    public async Task<IReadOnlyList<JournalEntry>> ReadAfterAsync(Dictionary<string, long> read, CancellationToken cancellationToken)
    {
        // The read journal answers through asks with a fixed timeout; on a busy machine the first may miss it. Reading is
        // idempotent (the sequence numbers move only when a read succeeds), so it is tried again before giving up.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReadAfterOnceAsync(read, cancellationToken);
            }
            catch (Exception e) when ((e is AskTimeoutException || e.InnerException is AskTimeoutException) && attempt < ReadAttempts)
            {
            }
        }
    }

    private const int ReadAttempts = 3;

    private async Task<IReadOnlyList<JournalEntry>> ReadAfterOnceAsync(Dictionary<string, long> read, CancellationToken cancellationToken)
    {
        var progress = new Dictionary<string, long>(read);
        var journal = PersistenceQuery.Get(_system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var materializer = _system.Materializer();
        var ids = await journal.CurrentPersistenceIds().RunWith(Sink.Seq<string>(), materializer);
        var entries = new List<JournalEntry>();
        foreach (var id in ids.Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = progress.GetValueOrDefault(id) + 1;
            var events = await journal.CurrentEventsByPersistenceId(id, from, long.MaxValue).RunWith(Sink.Seq<EventEnvelope>(), materializer);
            entries.AddRange(events.Select(e => new JournalEntry(e.PersistenceId, e.SequenceNr, e.Event)));
            if (events.Count > 0)
                progress[id] = events[^1].SequenceNr;
        }
        foreach (var (id, sequenceNr) in progress)
            read[id] = sequenceNr;
        return entries;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
