using Akka.Actor;
using Akka.Pattern;

namespace Orchestrator.Actors.Supervision;

/// <summary>
/// A sharded persistent entity (coordinator, service or node supervisor) inside a backoff supervisor that starts it again
/// whenever it stops. A persistent actor stops itself when the journal fails a write or a recovery (a breaker open under
/// load, a locked SQLite file, a paused PostgreSQL); sharding without remembered entities would only start it again on
/// the next message, and a coordinator that nobody writes to would never come back, so the rollout stalled. Here it comes
/// back by itself after a pause that grows while the journal keeps failing, recovers what was persisted, and carries on:
/// a slow journal slows the work, it never ends it. Messages sent while it is down are dropped (dead letters); every
/// sender of work repeats itself (the coordinator hands its parts their work again at each drift repair, the observer
/// resyncs, apply asks for the status again), so nothing waits on a lost one.
/// </summary>
public static class EntityRestart
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    public static Props Around(Props entity, TimeSpan minBackoff) =>
        BackoffSupervisor.Props(Backoff.OnStop(entity, "entity", minBackoff, MaxBackoff, 0.2, -1));
}
