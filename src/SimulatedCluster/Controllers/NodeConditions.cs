using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>The conditions a kubelet posts for its node; Ready flips when a node is made NotReady.</summary>
public static class NodeConditions
{
    public static JsonArray All(bool ready, DateTimeOffset now)
    {
        var time = ObjectMetadata.Timestamp(now);
        JsonObject Condition(string type, bool status, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = status ? "True" : "False",
            ["lastHeartbeatTime"] = time,
            ["lastTransitionTime"] = time,
            ["reason"] = reason,
            ["message"] = message,
        };
        return new JsonArray(
            Condition("MemoryPressure", false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            Condition("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            Condition("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ready
                ? Condition("Ready", true, "KubeletReady", "kubelet is posting ready status")
                : Condition("Ready", false, "NodeStatusUnknown", "Kubelet stopped posting node status."));
    }

    public static bool IsReady(JsonObject node) =>
        node["status"]?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Ready" && (string?)c["status"] == "True") == true;

    public static bool IsSchedulable(JsonObject node) =>
        IsReady(node) && node["spec"]?["unschedulable"]?.GetValue<bool>() != true;
}
