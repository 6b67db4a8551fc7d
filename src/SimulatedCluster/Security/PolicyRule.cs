using System.Text.Json.Nodes;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// One rule of a Role or ClusterRole, matched as RBAC matches it: `*` in verbs, apiGroups and resources means
/// every one; `*/status` is that subresource of every resource; `pods` does not cover `pods/status`; empty
/// resourceNames covers every name (and a request without a name only matches such a rule); a
/// nonResourceURL ending in `*` is a prefix.
/// </summary>
public sealed record PolicyRule(
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ApiGroups,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> NonResourceUrls)
{
    public const string All = "*";

    public static PolicyRule From(JsonNode? rule) => new(
        Strings(rule?["verbs"]), Strings(rule?["apiGroups"]), Strings(rule?["resources"]), Strings(rule?["resourceNames"]), Strings(rule?["nonResourceURLs"]));

    public static IReadOnlyList<PolicyRule> FromRole(JsonObject? role) =>
        role?["rules"]?.AsArray().Select(From).ToList() ?? [];

    public bool Allows(RequestAttributes request) => request.IsResourceRequest
        ? VerbMatches(request.Verb) && GroupMatches(request.Group) && ResourceMatches(request) && NameMatches(request.Name)
        : VerbMatches(request.Verb) && UrlMatches(request.Path);

    private bool VerbMatches(string verb) => Verbs.Contains(All) || Verbs.Contains(verb);

    private bool GroupMatches(string group) => ApiGroups.Contains(All) || ApiGroups.Contains(group);

    private bool ResourceMatches(RequestAttributes request)
    {
        var combined = request.CombinedResource;
        foreach (var resource in Resources)
        {
            if (resource == All || resource == combined)
                return true;
            if (request.Subresource.Length > 0 && resource.StartsWith("*/", StringComparison.Ordinal) && resource[2..] == request.Subresource)
                return true;
        }
        return false;
    }

    private bool NameMatches(string name) => ResourceNames.Count == 0 || ResourceNames.Contains(name);

    private bool UrlMatches(string path)
    {
        foreach (var url in NonResourceUrls)
        {
            if (url == All || url == path)
                return true;
            if (url.EndsWith('*') && path.StartsWith(url[..^1], StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    public JsonObject ToJson()
    {
        var rule = new JsonObject { ["verbs"] = Array(Verbs) };
        if (NonResourceUrls.Count > 0)
            rule["nonResourceURLs"] = Array(NonResourceUrls);
        if (ApiGroups.Count > 0)
            rule["apiGroups"] = Array(ApiGroups);
        if (Resources.Count > 0)
            rule["resources"] = Array(Resources);
        if (ResourceNames.Count > 0)
            rule["resourceNames"] = Array(ResourceNames);
        return rule;
    }

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => (string?)v ?? "").ToList() : [];
}
