using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>Reads and sets pod status conditions, keeping lastTransitionTime unless the status flips.</summary>
public static class PodConditions
{
    public static void Set(JsonObject pod, string type, bool status, string? reason, string? message, DateTimeOffset? now = null)
    {
        var podStatus = pod["status"] as JsonObject ?? (JsonObject)(pod["status"] = new JsonObject());
        var conditions = podStatus["conditions"] as JsonArray ?? (JsonArray)(podStatus["conditions"] = new JsonArray());
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var statusText = status ? "True" : "False";
        if (existing is not null && (string?)existing["status"] == statusText && (string?)existing["reason"] == reason && (string?)existing["message"] == message)
            return;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = statusText,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = existing is not null && (string?)existing["status"] == statusText
                ? existing["lastTransitionTime"]?.DeepClone()
                : ObjectMetadata.Timestamp(now ?? DateTimeOffset.UtcNow),
        };
        if (reason is not null) condition["reason"] = reason;
        if (message is not null) condition["message"] = message;
        if (existing is null)
            conditions.Add(condition);
        else
            conditions[conditions.IndexOf(existing)] = condition;
    }

    public static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"]?.AsArray().Any(c => (string?)c?["type"] == "Ready" && (string?)c["status"] == "True") == true;

    public static bool IsActive(JsonObject pod) =>
        !pod.IsDeleting() && (string?)pod["status"]?["phase"] is not ("Succeeded" or "Failed");
}
