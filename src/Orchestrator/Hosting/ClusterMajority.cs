using Akka.Cluster;

namespace Orchestrator.Hosting;

/// <summary>
/// Whether this member sees a majority of the cluster it belongs to: more than half of the members that are Up (or
/// leaving) are reachable from here, this one Up among them. A member cut off from the majority must not write:
/// the split-brain resolver downs it only once the partition has been stable for a while, and until then the
/// majority side may already have started its entities elsewhere.
/// </summary>
public static class ClusterMajority
{
    public static bool Holds(ClusterEvent.CurrentClusterState state, Member self)
    {
        if (self.Status != MemberStatus.Up && self.Status != MemberStatus.Leaving)
            return false;
        var counted = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving).ToList();
        var reachable = counted.Count(m => !state.Unreachable.Contains(m));
        return reachable * 2 > counted.Count;
    }

    /// <summary>"1 of 3 members reachable": what a refused write says.</summary>
    public static string Describe(ClusterEvent.CurrentClusterState state)
    {
        var counted = state.Members.Count(m => m.Status is MemberStatus.Up or MemberStatus.Leaving);
        var reachable = state.Members.Count(m => m.Status is MemberStatus.Up or MemberStatus.Leaving && !state.Unreachable.Contains(m));
        return $"{reachable} of {counted} members reachable";
    }
}
