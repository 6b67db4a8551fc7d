using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// What the real API server refuses to change on an existing object, checked on every update and patch after defaults:
/// a StatefulSet's spec beyond replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and
/// minReadySeconds (its selector, serviceName, podManagementPolicy, volumeClaimTemplates...), with the real 422.
/// </summary>
public static class ImmutableSpec
{
    private static readonly string[] MutableStatefulSetSpec =
        ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    public static void Check(ResourceType type, JsonObject current, JsonObject proposed)
    {
        if (type != BuiltInResources.StatefulSets)
            return;
        if (!JsonNode.DeepEquals(Fixed(current["spec"]), Fixed(proposed["spec"])))
            throw ApiException.Invalid(type, proposed.Name(), "spec",
                "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", "FieldValueForbidden");
    }

    private static JsonObject Fixed(JsonNode? spec)
    {
        var copy = spec is JsonObject o ? (JsonObject)o.DeepClone() : new JsonObject();
        foreach (var field in MutableStatefulSetSpec)
            copy.Remove(field);
        return copy;
    }
}
