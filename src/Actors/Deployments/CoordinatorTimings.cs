namespace Orchestrator.Actors.Deployments;

/// <summary>
/// How fast the coordinator's children retry and resync: the first backoff pause after a failed API call, and how
/// often every service and node gets a fresh snapshot of what the watches saw. Tests shorten them.
/// </summary>
public sealed record CoordinatorTimings(TimeSpan MinBackoff, TimeSpan Resync)
{
    public static readonly CoordinatorTimings Default = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
}
