using System.Text.Json.Nodes;

namespace Orchestrator.Actors.Serialization;

/// <summary>
/// How an event written under an older manifest is read today: its JSON is rewritten into the current version's shape,
/// then read as the current type. Every old manifest stays here for as long as journals may hold it (for ever).
/// </summary>
public static class EventUpcasts
{
    /// <summary>One step: the old manifest's JSON to the JSON of <see cref="To"/>.</summary>
    public sealed record Upcast(string To, Func<JsonObject, JsonObject> Rewrite);

    public static readonly IReadOnlyDictionary<string, Upcast> ByManifest = new Dictionary<string, Upcast>
    {
        // v1 had no namespace: a v1 journal was written by `apply` for one deployment whose namespace it never recorded.
        // The field is set to null explicitly, so every reader sees the same v2 shape.
        ["deployment-accepted.v1"] = new("deployment-accepted.v2", json =>
        {
            json["namespace"] = null;
            return json;
        }),
    };

    /// <summary>Rewrites through every step until the manifest is a current one; the manifest it ends at.</summary>
    public static (string Manifest, JsonObject Json) ToCurrent(string manifest, JsonObject json)
    {
        while (ByManifest.TryGetValue(manifest, out var upcast))
        {
            json = upcast.Rewrite(json);
            manifest = upcast.To;
        }
        return (manifest, json);
    }
}
