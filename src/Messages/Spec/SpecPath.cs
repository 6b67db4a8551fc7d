namespace Orchestrator.Messages.Spec;

/// <summary>
/// Field paths as errors name them: <c>spec.services[3].port</c>, <c>spec.nodes[1].roles[0]</c>,
/// <c>spec.services[2].config["a/b"]</c>. Map keys are always quoted because file names hold dots.
/// </summary>
public static class SpecPath
{
    /// <summary>The path of an error about the document as a whole (empty, not a map, several documents).</summary>
    public const string Document = "(document)";

    public static string Field(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public static string Key(string parent, string key) =>
        parent + "[\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"]";

    /// <summary>The path one segment up (<c>spec.services[3]</c> for <c>spec.services[3].port</c>), or null at the top.</summary>
    public static string? Parent(string path)
    {
        var boundaries = SegmentStarts(path);
        return boundaries.Count > 1 ? path[..boundaries[^1]] : null;
    }

    /// <summary>The segments of a path: <c>spec</c>, <c>services</c>, <c>[3]</c>, <c>["a/b"]</c>.</summary>
    public static IReadOnlyList<string> Segments(string path)
    {
        var starts = SegmentStarts(path);
        var segments = new List<string>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var start = starts[i];
            var end = i + 1 < starts.Count ? starts[i + 1] : path.Length;
            var segment = path[start..end];
            segments.Add(segment.StartsWith('.') ? segment[1..] : segment);
        }
        return segments;
    }

    // Where each segment begins: at 0, at every '.' and at every '[' that is not inside a quoted key.
    private static List<int> SegmentStarts(string path)
    {
        var starts = new List<int> { 0 };
        var quoted = false;
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (quoted)
            {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') quoted = true;
            else if ((c == '.' || c == '[') && i > 0) starts.Add(i);
        }
        return starts;
    }
}
