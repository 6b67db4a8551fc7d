using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>A field selector (`metadata.name=x,spec.nodeName!=y`): = / == / != on the dotted path of a field.</summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string[] Path, string Value, bool Equal)> _terms;

    private FieldSelector(IReadOnlyList<(string[] Path, string Value, bool Equal)> terms) => _terms = terms;

    public bool IsEverything => _terms.Count == 0;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new FieldSelector([]);
        var terms = new List<(string[], string, bool)>();
        foreach (var term in text.Split(','))
        {
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            var equal = term.IndexOf('=');
            if (notEqual > 0)
                terms.Add((term[..notEqual].Trim().Split('.'), term[(notEqual + 2)..].Trim(), false));
            else if (equal > 0)
                terms.Add((term[..equal].Trim().Split('.'), term[(equal + 1)..].TrimStart('=').Trim(), true));
            else
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
        }
        return new FieldSelector(terms);
    }

    /// <summary>The name a `metadata.name=x` term requires, which the API server authorizes as a request for that object.</summary>
    public string? ExactName() =>
        _terms.FirstOrDefault(t => t.Equal && t.Path is ["metadata", "name"]) is { Path: not null } term ? term.Value : null;

    public bool Matches(JsonObject obj) => _terms.All(t => (ValueAt(obj, t.Path) == t.Value) == t.Equal);

    private static string ValueAt(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var part in path)
            node = node is JsonObject o ? o[part] : null;
        return node switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => (string)v!,
            _ => node.ToJsonString(),
        };
    }
}
