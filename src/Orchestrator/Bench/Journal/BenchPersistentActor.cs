using Akka.Actor;
using Akka.Persistence;
using Orchestrator.Messages.Services;

namespace Orchestrator.Bench.Journal;

/// <summary>How the bench's persistent actor writes each command's events.</summary>
public enum PersistMode
{
    /// <summary>One event per command; later commands wait (are stashed) until it is journaled.</summary>
    Persist,

    /// <summary>A group of events per command, journaled as one atomic write.</summary>
    PersistAll,

    /// <summary>One event per command; later commands do not wait for it.</summary>
    PersistAsync,
}

/// <summary>The bench's persistent actor: journals the events it is given the way <see cref="PersistMode"/> says,
/// and replies <see cref="BenchPersistentActor.Stored"/> once the expected number is journaled.</summary>
public sealed class BenchPersistentActor : ReceivePersistentActor
{
    public sealed record Expect(int Count);

    /// <summary>Events to journal: one for Persist and PersistAsync, a group for PersistAll.</summary>
    public sealed record Write(PersistMode Mode, IReadOnlyList<IServiceEvent> Events);

    public sealed record Stored(int Count);

    /// <summary>Answered with <see cref="Recovered"/>; a command, so it waits (stashed) until recovery is done.</summary>
    public sealed record CountRecovered;

    public sealed record Recovered(long Events);

    private IActorRef _replyTo = ActorRefs.Nobody;
    private int _expected;
    private int _stored;
    private long _recovered;

    public BenchPersistentActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        // Replayed events are only counted: the figure measures the journal, not a state's Apply.
        Recover<IServiceEvent>(_ => _recovered++);
        Command<CountRecovered>(_ => Sender.Tell(new Recovered(_recovered)));
        Command<Expect>(expect =>
        {
            _expected = expect.Count;
            _stored = 0;
            _replyTo = Sender;
        });
        // One event per command for Persist and PersistAsync: the commands, not a loop, make the stream of writes.
        Command<Write>(write =>
        {
            switch (write.Mode)
            {
                case PersistMode.Persist:
                    Persist(write.Events[0], Journaled);
                    break;
                case PersistMode.PersistAll:
                    PersistAll(write.Events, Journaled);
                    break;
                case PersistMode.PersistAsync:
                    PersistAsync(write.Events[0], Journaled);
                    break;
            }
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId) =>
        Akka.Actor.Props.Create(() => new BenchPersistentActor(persistenceId));

    private void Journaled(IServiceEvent _)
    {
        if (++_stored == _expected)
            _replyTo.Tell(new Stored(_stored));
    }
}
