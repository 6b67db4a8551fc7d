using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>The discovery documents kubectl and the KubernetesClient read: /version, /api, /apis and one list per group version.</summary>
public static class DiscoveryDocuments
{
    public const string KubernetesVersion = "v1.32.0";

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = KubernetesVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.Groups().Select(g => (JsonNode)Group(g.Group, g.Versions)).ToArray()),
    };

    public static JsonObject Group(string name, IReadOnlyList<string> versions) => new()
    {
        ["kind"] = "APIGroup",
        ["apiVersion"] = "v1",
        ["name"] = name,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = name + "/" + v, ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = name + "/" + versions[0], ["version"] = versions[0] },
    };

    public static JsonObject ResourceList(string group, string version, IReadOnlyList<ResourceType> types)
    {
        var resources = new JsonArray();
        foreach (var type in types)
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(type.Verbs.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
            };
            if (type.ShortNames.Count > 0)
                entry["shortNames"] = new JsonArray(type.ShortNames.Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
            if (type.Group is "" or "apps" && type.Kind is "Pod" or "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Service")
                entry["categories"] = new JsonArray("all");
            resources.Add(entry);
            if (type.HasStatus)
                resources.Add(Subresource(type, "status", type.Kind, ["get", "patch", "update"]));
            if (type == BuiltInResources.Pods)
                resources.Add(Subresource(type, "eviction", "Eviction", ["create"], "policy", "v1"));
            if (type == BuiltInResources.ServiceAccounts)
                resources.Add(Subresource(type, "token", "TokenRequest", ["create"], "authentication.k8s.io", "v1"));
            if (type.Group == "apps" && type.Kind is "Deployment" or "ReplicaSet" or "StatefulSet")
                resources.Add(Subresource(type, "scale", "Scale", ["get", "patch", "update"], "autoscaling", "v1"));
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    private static JsonObject Subresource(ResourceType type, string name, string kind, string[] verbs, string? group = null, string? version = null)
    {
        var entry = new JsonObject
        {
            ["name"] = type.Plural + "/" + name,
            ["singularName"] = "",
            ["namespaced"] = type.Namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)JsonValue.Create(v)).ToArray()),
        };
        if (group is not null)
        {
            entry["group"] = group;
            entry["version"] = version;
        }
        return entry;
    }
}
