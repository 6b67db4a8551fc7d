using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// The JSONPath subset that printer columns use, evaluated as the API server does for a CRD's table: field steps
/// (`.status.phase`), every element (`[*]`), an index (`[0]`) and a filter on a field (`[?(@.type=="Ready")]`,
/// `[?(@.active==true)]`). Several results are joined with commas; none is an empty cell.
/// </summary>
public static class PrinterColumnPath
{
    public static string Evaluate(JsonNode? root, string path)
    {
        IEnumerable<JsonNode?> current = [root];
        var rest = path.Trim().TrimStart('{').TrimEnd('}');
        while (rest.Length > 0)
        {
            if (rest[0] == '.')
            {
                var end = rest.IndexOfAny(['.', '['], 1);
                var field = end < 0 ? rest[1..] : rest[1..end];
                current = current.Select(n => n is JsonObject o ? o[field] : null).ToList();
                rest = end < 0 ? "" : rest[end..];
            }
            else if (rest[0] == '[')
            {
                var close = rest.IndexOf(']');
                if (close < 0)
                    return "";
                var inside = rest[1..close];
                current = current.SelectMany(n => Select(n, inside)).ToList();
                rest = rest[(close + 1)..];
            }
            else
                return "";
        }
        return string.Join(",", current.Where(n => n is not null).Select(Text));
    }

    private static IEnumerable<JsonNode?> Select(JsonNode? node, string selector)
    {
        if (node is not JsonArray items)
            return [];
        if (selector == "*")
            return items;
        if (int.TryParse(selector, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            return index >= 0 && index < items.Count ? [items[index]] : [];
        // ?(@.field==value) with value "text", 'text', true, false or a number
        if (!selector.StartsWith("?(@.", StringComparison.Ordinal) || !selector.EndsWith(')'))
            return [];
        var condition = selector[4..^1].Split("==", 2);
        if (condition.Length != 2)
            return [];
        var wanted = condition[1].Trim().Trim('"', '\'');
        return items.Where(item => item is JsonObject o && o[condition[0].Trim()] is { } value && Text(value) == wanted);
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        null => "",
        _ => node.ToJsonString(),
    };
}
