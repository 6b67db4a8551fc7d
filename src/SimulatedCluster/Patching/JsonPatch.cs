using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;

namespace Orchestrator.SimulatedCluster.Patching;

/// <summary>RFC 6902 JSON patch: add, remove, replace, move, copy and test, on JSON pointers.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        var document = target.DeepClone();
        foreach (var operation in operations)
        {
            var op = (string?)operation?["op"] ?? throw ApiException.BadRequest("a JSON patch operation has no \"op\"");
            var path = (string?)operation!["path"] ?? throw ApiException.BadRequest($"the JSON patch operation \"{op}\" has no \"path\"");
            switch (op)
            {
                case "add": Add(document, path, operation["value"]?.DeepClone()); break;
                case "remove": Remove(document, path); break;
                case "replace": Remove(document, path); Add(document, path, operation["value"]?.DeepClone()); break;
                case "move":
                    var moved = Get(document, From(operation))?.DeepClone();
                    Remove(document, From(operation));
                    Add(document, path, moved);
                    break;
                case "copy": Add(document, path, Get(document, From(operation))?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(document, path), operation["value"]))
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    break;
                default: throw ApiException.BadRequest($"Unexpected kind: {op}");
            }
        }
        return document;
    }

    private static string From(JsonNode operation) =>
        (string?)operation["from"] ?? throw ApiException.BadRequest($"the JSON patch operation \"{operation["op"]}\" has no \"from\"");

    private static string[] Tokens(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static JsonNode? Get(JsonNode document, string path)
    {
        JsonNode? node = document;
        foreach (var token in Tokens(path))
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw MissingPath(path),
            };
        return node;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode document, string path)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
            throw ApiException.BadRequest("a JSON patch cannot replace the whole document");
        var parent = Get(document, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0").Replace("/", "~1"))));
        if (tokens.Length == 1)
            parent = document;
        return (parent ?? throw MissingPath(path), tokens[^1]);
    }

    private static void Add(JsonNode document, string path, JsonNode? value)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count: a.Insert(i, value); break;
            default: throw MissingPath(path);
        }
    }

    private static void Remove(JsonNode document, string path)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last): o.Remove(last); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count: a.RemoveAt(i); break;
            default: throw MissingPath(path);
        }
    }

    private static ApiException MissingPath(string path) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\"");
}
