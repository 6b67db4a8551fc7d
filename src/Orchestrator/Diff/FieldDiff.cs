using System.Text.Json.Nodes;

namespace Orchestrator.Diff;

/// <summary>One field we render whose value the server holds differently. Before/After are null for a secret's value.</summary>
public sealed record FieldChange(string Path, string? Before, string? After, bool Secret);

/// <summary>
/// The fields of a desired object that differ from the live one, leaf by leaf (paths like
/// `spec.template.spec.containers[0].image`). Only the fields we render are compared, as the apply compares them;
/// what the server adds (status, defaults, resourceVersion) is not ours. A Secret's values are never returned, only
/// that they changed.
/// </summary>
public static class FieldDiff
{
    private static readonly string[] SecretFields = ["data", "stringData"];

    public static IReadOnlyList<FieldChange> Between(string kind, JsonObject desired, JsonObject? observed)
    {
        var wanted = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        Flatten(desired, "", wanted);
        var held = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        if (observed is not null)
            Flatten(observed, "", held);
        var changes = new List<FieldChange>();
        foreach (var (path, value) in wanted)
        {
            var present = held.TryGetValue(path, out var before);
            if (present && before == value)
                continue;
            var secret = kind == "Secret" && SecretFields.Any(f => path.StartsWith(f + ".", StringComparison.Ordinal));
            changes.Add(secret ? new FieldChange(path, null, null, true) : new FieldChange(path, present ? before : null, value, false));
        }
        return changes;
    }

    /// <summary>Leaves as JSON text under dotted paths; an empty object or array is a leaf of its own.</summary>
    private static void Flatten(JsonNode? node, string path, IDictionary<string, string?> leaves)
    {
        switch (node)
        {
            case JsonObject { Count: > 0 } obj:
                foreach (var (key, child) in obj)
                    Flatten(child, path.Length == 0 ? key : $"{path}.{key}", leaves);
                break;
            case JsonArray { Count: > 0 } array:
                for (var i = 0; i < array.Count; i++)
                    Flatten(array[i], $"{path}[{i}]", leaves);
                break;
            default:
                leaves[path] = node?.ToJsonString();
                break;
        }
    }
}
