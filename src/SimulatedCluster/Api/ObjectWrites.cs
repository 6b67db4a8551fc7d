using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Patching;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// The writes of the API beyond plain storage: patches in their four media types, and the
/// CustomResourceDefinition lifecycle (a created CRD serves its kind; a deleted one removes its objects).
/// </summary>
public sealed class ObjectWrites(ObjectStore store, ResourceRegistry registry)
{
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicPatch = "application/strategic-merge-patch+json";
    public const string JsonPatchType = "application/json-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    public JsonObject Create(ResourceType type, JsonObject obj)
    {
        var created = store.Create(type, obj);
        if (type == BuiltInResources.CustomResourceDefinitions)
            registry.Register(created);
        return created;
    }

    /// <summary>Applies a patch atomically; server-side apply creates the object when it is missing.</summary>
    public (JsonObject Object, bool Created) Patch(ResourceType type, ApiPath path, JsonNode patch, string contentType, ObjectDefaults defaults)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        if (mediaType is not (MergePatch or StrategicPatch or JsonPatchType or ApplyPatch))
            throw ApiException.UnsupportedMediaType(contentType);
        if (mediaType == StrategicPatch && !type.StrategicMerge)
            throw ApiException.UnsupportedMediaType(contentType + ": strategic merge patch is not supported for custom resources; use a merge patch");
        var ns = path.Namespace ?? "";
        var name = path.Name!;
        if (mediaType == ApplyPatch && store.Get(type, ns, name) is null)
        {
            var fresh = patch as JsonObject ?? throw ApiException.BadRequest("an apply patch must be an object");
            ObjectValidation.Check(type, path, fresh);
            defaults.ApplyOnCreate(type, fresh);
            return (Create(type, (JsonObject)fresh.DeepClone()), true);
        }
        var patched = store.Mutate(type, ns, name, current =>
        {
            var result = Patched(type, current, patch, mediaType);
            if (mediaType == ApplyPatch)
                result.Meta().Remove("resourceVersion");
            if (mediaType is JsonPatchType && (string?)result["metadata"]?["resourceVersion"] == current.ResourceVersion().ToString())
                result.Meta().Remove("resourceVersion");
            ObjectValidation.Check(type, path, result);
            ObjectDefaults.ApplyOnWrite(type, result);
            if (string.IsNullOrEmpty(path.Subresource))
                ImmutableSpec.Check(type, current, result);
            return result;
        }, path.Subresource) ?? throw ApiException.NotFound(type, name);
        return (patched, false);
    }

    /// <summary>
    /// What a patch would make of an object, without storing it (the escalation check looks at it first): the
    /// object it would create (a server-side apply of a missing object), or the patched current one; null when
    /// there is nothing to patch, which the write itself then answers.
    /// </summary>
    public JsonObject? Preview(ResourceType type, ApiPath path, JsonNode patch, string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        if (mediaType is not (MergePatch or StrategicPatch or JsonPatchType or ApplyPatch))
            return null;
        var current = store.Get(type, path.Namespace ?? "", path.Name!);
        if (current is null)
            return mediaType == ApplyPatch ? patch as JsonObject : null;
        return Patched(type, (JsonObject)current.DeepClone(), patch, mediaType);
    }

    private static JsonObject Patched(ResourceType type, JsonObject current, JsonNode patch, string mediaType) => mediaType switch
    {
        MergePatch => JsonMergePatch.Apply(current, patch),
        JsonPatchType => JsonPatch.Apply(current, patch as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be a list of operations")),
        _ when type.StrategicMerge => StrategicMergePatch.Apply(current, patch),
        _ => JsonMergePatch.Apply(current, patch),
    } as JsonObject ?? throw ApiException.BadRequest("the patch does not leave an object");

    public (JsonObject Object, bool Gone) Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        var (obj, gone) = store.Delete(type, ns, name, options);
        if (gone && type == BuiltInResources.CustomResourceDefinitions)
            foreach (var removed in registry.Unregister(name).DistinctBy(t => t.StorageKey))
                store.RemoveAll(removed);
        return (obj, gone);
    }
}
