using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>A resource request path, parsed: /api/v1/namespaces/NS/pods/NAME/status and its cluster-scoped forms.</summary>
public sealed record ApiPath(ResourceType Type, string? Namespace, string? Name, string? Subresource, bool LegacyWatch)
{
    /// <summary>The resource as the counters name it: `pods`, `deployments.apps`, `pods/status`.</summary>
    public string CounterName => Subresource is null ? Type.ToString() : Type + "/" + Subresource;

    /// <summary>Null when the path names a group, version or resource that is not served.</summary>
    public static ApiPath? Parse(string[] segments, ResourceRegistry registry)
    {
        string group, version;
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
            (group, version, rest) = ("", segments[1], 2);
        else if (segments.Length >= 3 && segments[0] == "apis")
            (group, version, rest) = (segments[1], segments[2], 3);
        else
            return null;
        var tail = segments[rest..];
        var legacyWatch = tail.Length > 0 && tail[0] == "watch";
        if (legacyWatch)
            tail = tail[1..];
        if (tail.Length == 0)
            return null;
        if (tail.Length >= 3 && tail[0] == "namespaces" && tail[2] is not ("status" or "finalize"))
        {
            var type = registry.Find(group, version, tail[2]);
            if (type is null || !type.Namespaced || tail.Length > 5)
                return null;
            return new ApiPath(type, tail[1], tail.ElementAtOrDefault(3), tail.ElementAtOrDefault(4), legacyWatch);
        }
        var clusterType = registry.Find(group, version, tail[0]);
        if (clusterType is null || tail.Length > 3)
            return null;
        return new ApiPath(clusterType, null, tail.ElementAtOrDefault(1), tail.ElementAtOrDefault(2), legacyWatch);
    }
}
