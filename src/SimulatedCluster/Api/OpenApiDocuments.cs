using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// The OpenAPI v3 documents kubectl reads before `apply`: the /openapi/v3 index and, per group version, the
/// paths with their x-kubernetes-group-version-kind and the fieldValidation parameter, which tells kubectl
/// the server validates fields itself (so it skips client-side schema validation, which needs the full
/// schemas). No PATCH request body is described, so kubectl builds its strategic merge patches from its
/// compiled-in types (built-in kinds) or sends a JSON merge patch (custom resources), as it does against a
/// real server without schemas. Component schemas are not served (an empty map, so `kubectl explain` says the
/// kind is not in the schema instead of failing inside its template).
/// </summary>
public static class OpenApiDocuments
{
    public static JsonObject Index(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var gv in GroupVersions(registry))
            paths[gv.Path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv.Path}?hash={Hash(registry, gv.Group, gv.Version)}" };
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of one group version ("api/v1", "apis/apps/v1"); null when it is not served.</summary>
    public static JsonObject? GroupVersion(ResourceRegistry registry, string path)
    {
        var gv = GroupVersions(registry).FirstOrDefault(g => g.Path == path);
        if (gv.Path is null)
            return null;
        var paths = new JsonObject();
        foreach (var type in registry.InGroupVersion(gv.Group, gv.Version))
        {
            var prefix = "/" + gv.Path + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Plural;
            var gvk = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };
            if (type.CreateOnly)
            {
                paths[prefix] = new JsonObject { ["post"] = Operation("create" + type.Kind, "post", gvk) };
                continue;
            }
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation("list" + type.Kind, "list", gvk),
                ["post"] = Operation("create" + type.Kind, "post", gvk),
            };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation("read" + type.Kind, "get", gvk),
                ["put"] = Operation("replace" + type.Kind, "put", gvk),
                ["patch"] = Operation("patch" + type.Kind, "patch", gvk),
                ["delete"] = Operation("delete" + type.Kind, "delete", gvk),
            };
            if (type.HasStatus)
                paths[prefix + "/{name}/status"] = new JsonObject
                {
                    ["get"] = Operation("read" + type.Kind + "Status", "get", gvk),
                    ["put"] = Operation("replace" + type.Kind + "Status", "put", gvk),
                    ["patch"] = Operation("patch" + type.Kind + "Status", "patch", gvk),
                };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.KubernetesVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject Operation(string id, string action, JsonObject gvk)
    {
        var parameters = new JsonArray();
        if (action is "post" or "put" or "patch")
        {
            parameters.Add(QueryParameter("dryRun"));
            parameters.Add(QueryParameter("fieldManager"));
            parameters.Add(QueryParameter("fieldValidation"));
        }
        return new JsonObject
        {
            ["operationId"] = id,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
    }

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static IEnumerable<(string Path, string Group, string Version)> GroupVersions(ResourceRegistry registry) =>
        registry.All().Select(t => (Path: t.Group.Length == 0 ? "api/" + t.Version : $"apis/{t.Group}/{t.Version}", t.Group, t.Version)).Distinct();

    /// <summary>Changes when the group version's resources change, so kubectl's cache of the document is refreshed.</summary>
    private static string Hash(ResourceRegistry registry, string group, string version) =>
        NameSuffix.Hash(string.Join(",", registry.InGroupVersion(group, version).Select(t => t.Plural + t.Kind + t.HasStatus)));
}
