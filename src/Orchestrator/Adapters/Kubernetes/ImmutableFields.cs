using System.Text.Json.Nodes;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// Fields of an existing object the API server refuses to change (422): a StatefulSet's spec beyond replicas, ordinals,
/// template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds. A difference there is no drift a
/// write could repair, so it is not compared, and a replacement carries the server's values: a StatefulSet keeps the
/// podManagementPolicy it was created with (a render that now starts pods together applies to StatefulSets made after).
/// </summary>
public static class ImmutableFields
{
    private static readonly HashSet<string> MutableStatefulSetSpec =
        ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    /// <summary>Whether the top-level spec field <paramref name="field"/> of an existing <paramref name="kind"/> can never be changed.</summary>
    public static bool IsFixed(string? kind, string field) => kind == "StatefulSet" && !MutableStatefulSetSpec.Contains(field);

    /// <summary>Puts the observed values of the fixed spec fields into <paramref name="replacement"/> (absent ones stay absent).</summary>
    public static void KeepObserved(JsonObject replacement, JsonObject observed)
    {
        var kind = replacement["kind"]?.GetValue<string>();
        if (replacement["spec"] is not JsonObject spec || observed["spec"] is not JsonObject observedSpec)
            return;
        foreach (var field in spec.Select(p => p.Key).Concat(observedSpec.Select(p => p.Key)).Distinct().ToList())
        {
            if (!IsFixed(kind, field))
                continue;
            if (observedSpec[field] is { } held)
                spec[field] = held.DeepClone();
            else
                spec.Remove(field);
        }
    }
}
