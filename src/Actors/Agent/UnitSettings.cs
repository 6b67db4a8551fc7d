namespace Orchestrator.Actors.Agent;

/// <summary>
/// How a UnitSupervisor watches and restarts. Backoff doubles from MinBackoff up to MaxBackoff; after
/// GiveUpAfter failures without a StableAfter period of running, the unit is reported failed (the agent
/// keeps restarting it at the longest backoff).
/// </summary>
public sealed record UnitSettings(
    TimeSpan PollInterval,
    TimeSpan MinBackoff,
    TimeSpan MaxBackoff,
    int GiveUpAfter,
    TimeSpan StableAfter,
    int JournalLines)
{
    public static readonly UnitSettings Default = new(
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 5, TimeSpan.FromSeconds(30), 10);

    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));
}
