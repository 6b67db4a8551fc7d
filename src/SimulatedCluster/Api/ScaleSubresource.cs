using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Patching;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>The /scale subresource of Deployments, ReplicaSets and StatefulSets (autoscaling/v1 Scale), which `kubectl scale` writes.</summary>
public static class ScaleSubresource
{
    public static JsonObject Of(JsonObject workload) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = workload.Name(),
            ["namespace"] = workload.Namespace(),
            ["uid"] = workload.Uid(),
            ["resourceVersion"] = workload.ResourceVersion().ToString(),
            ["creationTimestamp"] = workload["metadata"]?["creationTimestamp"]?.DeepClone(),
        },
        ["spec"] = new JsonObject { ["replicas"] = workload["spec"]?["replicas"]?.GetValue<int>() ?? 1 },
        ["status"] = new JsonObject
        {
            ["replicas"] = workload["status"]?["replicas"]?.GetValue<int>() ?? 0,
            ["selector"] = string.Join(",", (workload["spec"]?["selector"]?["matchLabels"]?.AsObject() ?? []).Select(p => $"{p.Key}={(string?)p.Value}")),
        },
    };

    public static JsonObject Update(ObjectStore store, ResourceType type, string ns, string name, JsonObject scale) =>
        Set(store, type, ns, name, scale["spec"]?["replicas"]?.GetValue<int>(), (string?)scale["metadata"]?["resourceVersion"]);

    public static JsonObject Patch(ObjectStore store, ResourceType type, string ns, string name, JsonNode patch, string contentType)
    {
        var current = store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
        var patched = contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal)
            ? JsonPatch.Apply(Of(current), patch as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be a list"))
            : JsonMergePatch.Apply(Of(current), patch)!;
        return Set(store, type, ns, name, patched["spec"]?["replicas"]?.GetValue<int>(), (string?)(patch as JsonObject)?["metadata"]?["resourceVersion"]);
    }

    private static JsonObject Set(ObjectStore store, ResourceType type, string ns, string name, int? replicas, string? resourceVersion)
    {
        if (replicas is null or < 0)
            throw ApiException.Invalid(type, name, "spec.replicas", $"Invalid value: {replicas?.ToString() ?? "null"}: must be greater than or equal to 0");
        var updated = store.Mutate(type, ns, name, w =>
        {
            if (resourceVersion is { Length: > 0 })
                w.Meta()["resourceVersion"] = resourceVersion;
            w["spec"]!["replicas"] = replicas;
            return w;
        }) ?? throw ApiException.NotFound(type, name);
        return Of(updated);
    }
}
