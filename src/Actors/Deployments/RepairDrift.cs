namespace Orchestrator.Actors.Deployments;

/// <summary>
/// The coordinator's periodic tick (every <see cref="CoordinatorTimings.RepairInterval"/>) that keeps it
/// level-triggered without a new spec: the shared objects are applied again and every service and node is handed its
/// part again, so each compares what it renders with what the server holds and writes (and records) only what drifted.
/// </summary>
internal sealed record RepairDrift
{
    public static readonly RepairDrift Instance = new();

    /// <summary>
    /// A repair starts only when the accepted spec's shared objects are in place and parts are being handed work
    /// (so never while paused, deleting or invalid), no write of the shared objects is still under way, and the last
    /// hand-out has reached every node (none waits for a place among the starting ones, <see cref="NodeAdmission"/>):
    /// at 10,000 nodes a hand-out takes longer than the interval, and a repair on top of it only queued the fleet again.
    /// </summary>
    public static bool IsDue(bool handingOut, bool sharedWriteUnderWay, int nodesWaiting = 0) =>
        handingOut && !sharedWriteUnderWay && nodesWaiting == 0;
}
