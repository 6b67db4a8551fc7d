using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;

namespace Orchestrator.Actors.Supervision;

/// <summary>
/// When a persistent supervisor saves a snapshot: after `orchestrator.snapshot-every` events since its last one, and at
/// once after a recovery that replayed that many (a journal written before snapshots existed). It also counts what a
/// recovery replayed, which the supervisor logs, so that "recovery = last snapshot + what follows" can be checked.
/// </summary>
public sealed class SnapshotSchedule(Config config)
{
    public const string ConfigPath = "orchestrator.snapshot-every";

    private readonly int _every = config.GetInt(ConfigPath, 0);
    private long _snapshotAt;
    private long _replayed;

    /// <summary>A snapshot was offered at recovery: its sequence number is where replay starts.</summary>
    public void Offered(SnapshotMetadata metadata) => _snapshotAt = metadata.SequenceNr;

    /// <summary>One event replayed after the snapshot (or from the start).</summary>
    public void Replayed() => _replayed++;

    /// <summary>Logs what the recovery read, and saves a snapshot at once when it replayed too many events.</summary>
    public void Recovered(string persistenceId, long sequenceNr, ILoggingAdapter log, Action save)
    {
        log.Info("{0} recovered from snapshot at {1} and {2} replayed event(s)", persistenceId, _snapshotAt, _replayed);
        SaveIfDue(sequenceNr, save);
    }

    /// <summary>Called after every persisted event: saves when <paramref name="sequenceNr"/> is far enough past the last snapshot.</summary>
    public void SaveIfDue(long sequenceNr, Action save)
    {
        if (_every <= 0 || sequenceNr - _snapshotAt < _every)
            return;
        _snapshotAt = sequenceNr;
        save();
    }
}
