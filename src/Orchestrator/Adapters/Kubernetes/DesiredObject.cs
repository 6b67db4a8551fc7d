using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// What the adapter sends for a desired object: its JSON with apiVersion and kind filled in from its type, and the
/// desired-state hash annotation. The renderer writes that hash; an object that comes without one gets the hash
/// of its own JSON, so that applying it twice still writes only once.
/// </summary>
public static class DesiredObject
{
    public static JsonObject From(IKubernetesObject<V1ObjectMeta> desired, ResourceType type)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(desired))?.AsObject()
            ?? throw new ArgumentException($"{type.Kind}: the object serialized to nothing", nameof(desired));
        json["apiVersion"] = type.ApiVersion;
        json["kind"] = type.Kind;
        var metadata = ObjectAt(json, "metadata");
        // What the server owns never travels in a desired object: it would make creates fail and hashes unstable.
        foreach (var serverOwned in new[] { "resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink" })
            metadata.Remove(serverOwned);
        json.Remove("status");

        var annotations = ObjectAt(metadata, "annotations");
        if (annotations[WellKnown.DesiredHashAnnotation] is null)
            annotations[WellKnown.DesiredHashAnnotation] = ContentHash(json);
        return json;
    }

    /// <summary>The desired-state hash an object carries, or null.</summary>
    public static string? HashOf(JsonObject? @object) =>
        @object?["metadata"]?["annotations"]?[WellKnown.DesiredHashAnnotation]?.GetValue<string>();

    /// <summary>
    /// True when the server holds every field we render as we render it (our hash annotation included): nothing to
    /// write. The hash alone would miss a `kubectl scale` or `kubectl edit` of a field we set.
    /// </summary>
    public static bool IsCurrent(JsonObject desired, JsonObject observed) => FieldDrift.Of(desired, observed).Count == 0;

    internal static JsonObject ObjectAt(JsonObject parent, string property)
    {
        if (parent[property] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[property] = created;
        return created;
    }

    private static string ContentHash(JsonNode json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToJsonString())))[..16];
}
