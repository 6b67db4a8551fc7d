namespace Orchestrator.Actors.Deployments;

/// <summary>
/// How fast the coordinator's children retry and resync: the first backoff pause after a failed API call, how
/// often every service and node gets a fresh snapshot of what the watches saw, and how often every object of the
/// deployment is compared with the server and put back where it drifted (<see cref="RepairInterval"/>; by default
/// five resyncs). Tests shorten them.
/// </summary>
/// <param name="StatusInterval">
/// The least time between two writes of the deployment's status (a burst of reports ends in one write of the last
/// word; the last state is always written). Default 1 s.
/// </param>
/// <param name="NodeSettle">
/// The longest a node's HostUnits waits for the other host services of its node that are being written at the same
/// time, so that it is written once for all of them rather than once per service. Default 2 s.
/// </param>
public sealed record CoordinatorTimings(TimeSpan MinBackoff, TimeSpan Resync, TimeSpan? Repair = null, TimeSpan? StatusInterval = null,
    TimeSpan? NodeSettle = null)
{
    public TimeSpan RepairInterval => Repair ?? Resync * 5;

    public TimeSpan StatusWriteInterval => StatusInterval ?? TimeSpan.FromSeconds(1);

    public TimeSpan NodeSettleLimit => NodeSettle ?? TimeSpan.FromSeconds(2);

    /// <summary>How long services turning Ready are gathered into one Event: a few seconds, so a dependency level is one Event.</summary>
    public TimeSpan EventGathering => TimeSpan.FromSeconds(3);

    public static readonly CoordinatorTimings Default = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
}
