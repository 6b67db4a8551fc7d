using System.Diagnostics;
using Akka.Actor;
using Akka.Serialization;
using Orchestrator.Hosting;
using Orchestrator.Messages.Services;

namespace Orchestrator.Bench.Journal;

/// <summary>
/// An actor system with the orchestrator's journal exactly as <see cref="OrchestratorSystem"/> configures it: the same
/// <see cref="JournalOnlyHost"/> `status` and `audit` read through.
/// </summary>
public sealed class BenchJournalSystem : IAsyncDisposable
{
    private readonly JournalOnlyHost _host;

    private BenchJournalSystem(JournalOnlyHost host)
    {
        _host = host;
        System = host.System;
    }

    public ActorSystem System { get; }

    /// <summary>The serializer the journal uses for our events (the project's EventSerializer, bound in HOCON).</summary>
    public Serializer EventSerializer => System.Serialization.FindSerializerForType(typeof(ServiceBecameReady));

    public static async Task<BenchJournalSystem> StartAsync(JournalLocation journal, string akkaHocon, CancellationToken cancellationToken) =>
        new(await JournalOnlyHost.StartAsync("bench", journal, akkaHocon, cancellationToken));

    /// <summary>
    /// Journals the events through a new persistent actor, <paramref name="group"/> per command with PersistAll, and
    /// returns the events per second and how many transactions the journal committed them in (when
    /// <paramref name="commitCounter"/> can tell). The actor's (empty) recovery and its first write happen before the clock starts.
    /// </summary>
    public async Task<(double EventsPerSecond, long? Commits)> PersistAsync(string persistenceId, PersistMode mode, IReadOnlyList<IServiceEvent> events,
        int group, TimeSpan timeout, Func<Task<long?>>? commitCounter = null)
    {
        var actor = System.ActorOf(BenchPersistentActor.Props(persistenceId));
        try
        {
            var warm = actor.Ask<BenchPersistentActor.Stored>(new BenchPersistentActor.Expect(1), timeout);
            actor.Tell(new BenchPersistentActor.Write(PersistMode.Persist, [events[0]]));
            await warm;
            var measured = events.Count - 1;
            var stored = actor.Ask<BenchPersistentActor.Stored>(new BenchPersistentActor.Expect(measured), timeout);
            var before = commitCounter is null ? null : await commitCounter();
            var clock = Stopwatch.StartNew();
            var step = mode == PersistMode.PersistAll ? group : 1;
            for (var i = 1; i < events.Count; i += step)
                actor.Tell(new BenchPersistentActor.Write(mode, Slice(events, i, Math.Min(step, events.Count - i))));
            await stored;
            var eventsPerSecond = measured / clock.Elapsed.TotalSeconds;
            var after = commitCounter is null ? null : await commitCounter();
            return (eventsPerSecond, after - before);
        }
        finally
        {
            System.Stop(actor);
        }
    }

    /// <summary>
    /// Starts one persistent actor per id and returns the seconds until every one has replayed its events, and how many
    /// events they replayed in all.
    /// </summary>
    public async Task<(double Seconds, long Events)> RecoverAsync(IReadOnlyList<string> persistenceIds, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var actors = persistenceIds.Select(id => System.ActorOf(BenchPersistentActor.Props(id))).ToList();
        try
        {
            var recovered = await Task.WhenAll(actors.Select(a => a.Ask<BenchPersistentActor.Recovered>(new BenchPersistentActor.CountRecovered(), timeout)));
            return (clock.Elapsed.TotalSeconds, recovered.Sum(r => r.Events));
        }
        finally
        {
            foreach (var actor in actors)
                System.Stop(actor);
        }
    }

    private static IReadOnlyList<T> Slice<T>(IReadOnlyList<T> list, int start, int count)
    {
        var slice = new T[count];
        for (var i = 0; i < count; i++)
            slice[i] = list[start + i];
        return slice;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
