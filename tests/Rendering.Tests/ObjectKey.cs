using k8s;
using k8s.Models;

namespace Orchestrator.Rendering.Tests;

/// <summary>How the tests name a rendered object: kind, namespace and name, as kubectl would.</summary>
public static class ObjectKey
{
    public static string Of(IKubernetesObject<V1ObjectMeta> item) =>
        $"{item.Kind}/{(item.Metadata.NamespaceProperty is { } ns ? ns + "/" : "")}{item.Metadata.Name}";

    /// <summary>Each object's JSON by its key: two renders compared object by object.</summary>
    public static IReadOnlyDictionary<string, string> Snapshot(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) =>
        objects.ToDictionary(Of, o => KubernetesJson.Serialize(o));

    /// <summary>The keys of the objects that differ (or exist in only one) between two snapshots.</summary>
    public static IReadOnlySet<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        before.Keys.Union(after.Keys)
            .Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key))
            .ToHashSet();
}
