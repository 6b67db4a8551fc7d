namespace Orchestrator.Messages.Spec;

/// <summary>
/// Orders paths as the fields of a well-ordered document appear: list items by index, fields in the order
/// DESIGN.md writes them, map keys by name. It gives errors a stable order even without line numbers.
/// </summary>
public sealed class SpecPathOrder : IComparer<string>
{
    public static readonly SpecPathOrder Instance = new();

    // One order that fits every level: (apiVersion, kind, metadata, spec), (name, namespace),
    // (domain, tls, nodes, services, agentImage), (name, roles), (name, kind, image, ... ports).
    private static readonly string[] FieldOrder =
    [
        "apiVersion", "name", "kind", "metadata", "namespace", "spec", "domain", "tls", "secretName", "generate",
        "nodes", "roles", "services", "image", "replicas", "port", "dependsOn", "config", "secrets", "role",
        "source", "unit", "conntrack", "ports", "agentImage",
    ];

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null) return string.CompareOrdinal(x, y);
        var left = SpecPath.Segments(x);
        var right = SpecPath.Segments(y);
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var order = CompareSegments(left[i], right[i]);
            if (order != 0) return order;
        }
        return left.Count.CompareTo(right.Count);
    }

    private static int CompareSegments(string left, string right)
    {
        if (IsIndex(left, out var leftIndex) && IsIndex(right, out var rightIndex))
            return leftIndex.CompareTo(rightIndex);
        var leftField = Array.IndexOf(FieldOrder, left);
        var rightField = Array.IndexOf(FieldOrder, right);
        if (leftField >= 0 && rightField >= 0) return leftField.CompareTo(rightField);
        if (leftField >= 0 != rightField >= 0) return leftField >= 0 ? -1 : 1;
        return string.CompareOrdinal(left, right);
    }

    private static bool IsIndex(string segment, out int index)
    {
        index = 0;
        return segment.Length > 2 && segment[0] == '[' && segment[^1] == ']' && int.TryParse(segment[1..^1], out index);
    }
}
