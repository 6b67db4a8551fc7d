using System.Text.Json.Nodes;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>Which of the wanted node labels differ from the node's, and the merge patch that sets exactly those.</summary>
public static class NodeLabels
{
    /// <param name="wanted">A value sets the label; null removes it.</param>
    public static IReadOnlyDictionary<string, string?> Differences(IDictionary<string, string>? observed, IReadOnlyDictionary<string, string?> wanted)
    {
        var differing = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in wanted)
        {
            string? current = null;
            var present = observed?.TryGetValue(key, out current) == true;
            var differs = value is null ? present : current != value;
            if (differs)
                differing[key] = value;
        }
        return differing;
    }

    /// <summary>The labels part of a JSON merge patch: a value sets, a JSON null removes.</summary>
    public static JsonObject MergePatch(IReadOnlyDictionary<string, string?> differing)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in differing)
            labels[key] = value is null ? null : JsonValue.Create(value);
        return labels;
    }
}
