using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Patching;

/// <summary>
/// Strategic merge patch for the built-in kinds: like a merge patch, but lists of objects merge by the
/// patchMergeKey the real API declares (containers by name, container ports by containerPort, ...), and
/// the directives kubectl sends ($patch, $setElementOrder, $deleteFromPrimitiveList, $retainKeys) are honoured.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>List field name to merge key, as in the Kubernetes API types (patchMergeKey).</summary>
    private static readonly Dictionary<string, string[]> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"], ["initContainers"] = ["name"], ["ephemeralContainers"] = ["name"],
        ["volumes"] = ["name"], ["env"] = ["name"], ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"], ["volumeDevices"] = ["devicePath"],
        ["ports"] = ["containerPort", "port"], ["ownerReferences"] = ["uid"], ["conditions"] = ["type"],
        ["hostAliases"] = ["ip"], ["taints"] = ["key"], ["addresses"] = ["type"],
        ["topologySpreadConstraints"] = ["topologyKey"], ["readinessGates"] = ["conditionType"],
        ["containerStatuses"] = ["name"], ["initContainerStatuses"] = ["name"], ["podIPs"] = ["ip"],
    };

    /// <summary>Lists of scalars that merge as sets (patchStrategy:"merge").</summary>
    private static readonly HashSet<string> MergedScalarLists = ["finalizers"];

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch) =>
        patch is JsonObject p ? MergeObject(target as JsonObject ?? new JsonObject(), p) : patch?.DeepClone();

    private static JsonObject MergeObject(JsonObject target, JsonObject patch)
    {
        if ((string?)patch["$patch"] == "replace")
            return (JsonObject)Clean(patch)!;
        var result = (JsonObject)target.DeepClone();
        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => (string?)k).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                result.Remove(key);
        }
        var orders = new List<(string Field, JsonArray Order)>();
        foreach (var (key, value) in patch)
        {
            if (key is "$patch" or "$retainKeys")
                continue;
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                orders.Add((key["$setElementOrder/".Length..], (JsonArray)value!));
                continue;
            }
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray removed)
                    foreach (var item in list.Where(i => removed.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                        list.Remove(item);
                continue;
            }
            if (value is null)
                result.Remove(key);
            else if (value is JsonObject patchChild)
            {
                if ((string?)patchChild["$patch"] == "delete")
                    result.Remove(key);
                else
                    result[key] = MergeObject(result[key] as JsonObject ?? new JsonObject(), patchChild);
            }
            else if (value is JsonArray patchList)
                result[key] = MergeList(key, result[key] as JsonArray, patchList);
            else
                result[key] = value.DeepClone();
        }
        foreach (var (field, order) in orders)
            if (result[field] is JsonArray list)
                result[field] = Reorder(field, list, order);
        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? target, JsonArray patch)
    {
        if (patch.Any(i => i is JsonObject o && (string?)o["$patch"] == "replace"))
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o.ContainsKey("$patch"))).Select(i => Clean(i)).ToArray());
        if (target is null)
            return new JsonArray(patch.Where(i => !(i is JsonObject o && (string?)o["$patch"] == "delete")).Select(i => Clean(i)).ToArray());
        if (MergedScalarLists.Contains(field))
        {
            var merged = (JsonArray)target.DeepClone();
            foreach (var item in patch.Where(i => !merged.Any(m => JsonNode.DeepEquals(m, i))))
                merged.Add(item?.DeepClone());
            return merged;
        }
        var key = MergeKey(field, target, patch);
        if (key is null)
            return new JsonArray(patch.Select(i => Clean(i)).ToArray());
        var result = (JsonArray)target.DeepClone();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var existing = result.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[key], item[key]));
            if ((string?)item["$patch"] == "delete")
            {
                if (existing is not null)
                    result.Remove(existing);
            }
            else if (existing is null)
                result.Add(Clean(item));
            else
                result[result.IndexOf(existing)] = MergeObject(existing, item);
        }
        return result;
    }

    private static string? MergeKey(string field, JsonArray target, JsonArray patch) =>
        MergeKeys.TryGetValue(field, out var candidates)
            ? candidates.FirstOrDefault(k => patch.Concat(target).OfType<JsonObject>().Any(i => i.ContainsKey(k)))
            : null;

    private static JsonArray Reorder(string field, JsonArray list, JsonArray order)
    {
        var key = MergeKey(field, list, order);
        bool Same(JsonNode? a, JsonNode? b) => key is null ? JsonNode.DeepEquals(a, b) : JsonNode.DeepEquals(a?[key], b?[key]);
        var ordered = order.Select(o => list.FirstOrDefault(i => Same(i, o))).Where(i => i is not null).ToList();
        var rest = list.Where(i => !ordered.Contains(i)).ToList();
        return new JsonArray(ordered.Concat(rest).Select(i => i?.DeepClone()).ToArray());
    }

    /// <summary>A patch fragment as plain data: directives and nulls removed.</summary>
    private static JsonNode? Clean(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => !p.Key.StartsWith('$') && p.Value is not null)
            .Select(p => KeyValuePair.Create(p.Key, Clean(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Clean).ToArray()),
        _ => node?.DeepClone(),
    };
}
