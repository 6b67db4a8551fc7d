using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>What the workload controllers share: their pods (found by owner uid) and how a pod is made from a template.</summary>
public static class WorkloadPods
{
    public static IReadOnlyList<JsonObject> Owned(ObjectStore store, JsonObject owner, ResourceType type) =>
        store.Dependents(owner.Uid()).Where(d => d.Type == type && d.Object.ControllerUid() == owner.Uid()).Select(d => d.Object).ToList();

    /// <summary>A pod of a workload: the template's metadata and spec, extra labels, a controller reference.</summary>
    public static JsonObject FromTemplate(JsonObject owner, string name, IReadOnlyDictionary<string, string> extraLabels, string? generateName = null)
    {
        var template = owner["spec"]?["template"] as JsonObject ?? new JsonObject();
        var metadata = template["metadata"]?.DeepClone() as JsonObject ?? new JsonObject();
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        foreach (var (key, value) in extraLabels)
            labels[key] = value;
        metadata["labels"] = labels;
        metadata["name"] = name;
        if (generateName is not null)
            metadata["generateName"] = generateName;
        metadata["namespace"] = owner.Namespace();
        metadata["ownerReferences"] = new JsonArray(ObjectMetadata.OwnerReferenceTo(owner));
        metadata.Remove("creationTimestamp");
        var spec = template["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["serviceAccountName"] ??= "default";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" },
        };
    }

    /// <summary>
    /// A stable hash of a pod template, the pod-template-hash / controller-revision-hash label value. Equal
    /// templates hash equal whatever their key order or null fields: `kubectl rollout undo` writes back the old
    /// ReplicaSet's template with `creationTimestamp: null`, and must find that ReplicaSet again.
    /// </summary>
    public static string TemplateHash(JsonObject owner) =>
        Api.NameSuffix.Hash(Canonical(owner["spec"]?["template"])?.ToJsonString() ?? "");

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };

    public static bool IsAvailable(JsonObject pod) => PodConditions.IsActive(pod) && PodConditions.IsReady(pod);

    /// <summary>Writes a workload's status only when it differs (no write, no event, when nothing changed).</summary>
    public static void WriteStatus(ObjectStore store, ResourceType type, JsonObject workload, JsonObject status)
    {
        if (JsonNode.DeepEquals(workload["status"], status))
            return;
        store.Mutate(type, workload.Namespace(), workload.Name(), w =>
        {
            w["status"] = status;
            return w;
        }, "status");
    }

    /// <summary>Resolves maxSurge/maxUnavailable (an int or a percentage of the desired replicas).</summary>
    public static int Resolve(JsonNode? value, int desired, bool roundUp, int fallback)
    {
        if (value is null)
            return fallback;
        if (value.GetValueKind() == System.Text.Json.JsonValueKind.Number)
            return value.GetValue<int>();
        var text = ((string?)value ?? "").Trim();
        if (text.EndsWith('%') && int.TryParse(text[..^1], out var percent))
            return roundUp ? (int)Math.Ceiling(desired * percent / 100.0) : (int)Math.Floor(desired * percent / 100.0);
        return int.TryParse(text, out var n) ? n : fallback;
    }

    /// <summary>Omits zero counts, as the API's omitempty status fields do.</summary>
    public static void SetCount(JsonObject status, string field, int value)
    {
        if (value != 0)
            status[field] = value;
    }
}
