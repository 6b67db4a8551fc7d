using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace Orchestrator.Actors.Rendering;

/// <summary>
/// Stable short hashes of rendered content: SHA-256 over a canonical JSON form (object keys sorted
/// ordinally, no whitespace), so that two renders of the same input hash the same whatever the order
/// in which dictionaries were filled.
/// </summary>
public static class ContentHash
{
    /// <summary>Hex characters kept: 64 bits is plenty to tell one rendering from the next.</summary>
    private const int Length = 16;

    /// <summary>Hash of a Kubernetes model object (or any object KubernetesJson can write).</summary>
    public static string Of(object value) => OfCanonical(Canonical(JsonNode.Parse(KubernetesJson.Serialize(value))));

    /// <summary>Keyed hash of an object that holds secret content (a Secret): see <see cref="HashKey"/>.</summary>
    public static string Of(object value, HashKey key) => OfCanonical(Canonical(JsonNode.Parse(KubernetesJson.Serialize(value))), key);

    /// <summary>Hash of named file contents, e.g. a ConfigMap's data.</summary>
    public static string OfFiles(IEnumerable<KeyValuePair<string, string>> files) => OfCanonical(Files(files));

    /// <summary>Keyed hash of named secret file contents.</summary>
    public static string OfFiles(IEnumerable<KeyValuePair<string, string>> files, HashKey key) => OfCanonical(Files(files), key);

    private static JsonObject Files(IEnumerable<KeyValuePair<string, string>> files)
    {
        var node = new JsonObject();
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            node[name] = content;
        return node;
    }

    /// <summary>Combines already computed hashes (and other parts) in the given order.</summary>
    public static string Combine(params string[] parts)
    {
        var array = new JsonArray();
        foreach (var part in parts)
            array.Add(part);
        return OfCanonical(array);
    }

    private static string OfCanonical(JsonNode? node, HashKey? key = null)
    {
        var bytes = Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
        return (key is null ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : key.Of(bytes))[..Length];
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
