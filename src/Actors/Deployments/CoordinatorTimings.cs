namespace Orchestrator.Actors.Deployments;

/// <summary>
/// How fast the coordinator's children retry and resync: the first backoff pause after a failed API call, how
/// often every service and node gets a fresh snapshot of what the watches saw, and how often every object of the
/// deployment is compared with the server and put back where it drifted (<see cref="RepairInterval"/>; by default
/// five resyncs). Tests shorten them.
/// </summary>
public sealed record CoordinatorTimings(TimeSpan MinBackoff, TimeSpan Resync, TimeSpan? Repair = null)
{
    public TimeSpan RepairInterval => Repair ?? Resync * 5;

    public static readonly CoordinatorTimings Default = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
}
