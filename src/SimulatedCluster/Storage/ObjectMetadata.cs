using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Storage;

/// <summary>Typed access to the metadata of a JSON object, so the store and controllers read one spelling of each field.</summary>
public static class ObjectMetadata
{
    public static JsonObject Meta(this JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    public static string Name(this JsonObject obj) => (string?)obj["metadata"]?["name"] ?? "";

    public static string Namespace(this JsonObject obj) => (string?)obj["metadata"]?["namespace"] ?? "";

    public static string Uid(this JsonObject obj) => (string?)obj["metadata"]?["uid"] ?? "";

    public static long ResourceVersion(this JsonObject obj) =>
        long.TryParse((string?)obj["metadata"]?["resourceVersion"], out var rv) ? rv : 0;

    public static long Generation(this JsonObject obj) => obj["metadata"]?["generation"]?.GetValue<long>() ?? 0;

    public static bool IsDeleting(this JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> Annotations(this JsonObject obj) => StringMap(obj["metadata"]?["annotations"]);

    public static IReadOnlyList<string> Finalizers(this JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray list ? list.Select(f => (string)f!).ToList() : [];

    public static void SetFinalizers(this JsonObject obj, IReadOnlyList<string> finalizers)
    {
        if (finalizers.Count == 0)
            obj.Meta().Remove("finalizers");
        else
            obj.Meta()["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
    }

    /// <summary>The owner references as (uid, kind, name, controller).</summary>
    public static IReadOnlyList<OwnerReference> Owners(this JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray list
            ? list.OfType<JsonObject>().Select(o => new OwnerReference(
                (string?)o["uid"] ?? "", (string?)o["apiVersion"] ?? "", (string?)o["kind"] ?? "", (string?)o["name"] ?? "",
                o["controller"]?.GetValue<bool>() == true, o["blockOwnerDeletion"]?.GetValue<bool>() == true)).ToList()
            : [];

    public static string? ControllerUid(this JsonObject obj) => obj.Owners().FirstOrDefault(o => o.Controller)?.Uid;

    public static JsonObject OwnerReferenceTo(JsonObject owner, bool controller = true) => new()
    {
        ["apiVersion"] = (string?)owner["apiVersion"],
        ["kind"] = (string?)owner["kind"],
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = controller,
        ["blockOwnerDeletion"] = true,
    };

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static IReadOnlyDictionary<string, string> StringMap(JsonNode? node) =>
        node is JsonObject map
            ? map.ToDictionary(p => p.Key, p => p.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)p.Value! : p.Value?.ToJsonString() ?? "")
            : new Dictionary<string, string>();
}

public sealed record OwnerReference(string Uid, string ApiVersion, string Kind, string Name, bool Controller, bool BlockOwnerDeletion);
