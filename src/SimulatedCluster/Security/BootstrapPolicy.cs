using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// The RBAC objects a fresh kube-apiserver makes for itself (its bootstrap policy), the ones a client meets:
/// cluster-admin bound to system:masters; discovery (`/api`, `/apis`, `/openapi`, `/version`, health) and
/// self-reviews (`kubectl auth can-i`) for every authenticated user; the public-info paths for everyone;
/// /metrics for system:monitoring. They are ordinary objects: `kubectl get clusterroles` lists them.
/// </summary>
public static class BootstrapPolicy
{
    public static void Seed(ObjectStore store)
    {
        Role(store, "cluster-admin",
            new PolicyRule(["*"], ["*"], ["*"], [], []),
            new PolicyRule(["*"], [], [], [], ["*"]));
        Role(store, "system:discovery",
            new PolicyRule(["get"], [], [], [], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]));
        Role(store, "system:basic-user",
            new PolicyRule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"], [], []),
            new PolicyRule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], [], []));
        Role(store, "system:public-info-viewer",
            new PolicyRule(["get"], [], [], [], ["/healthz", "/livez", "/readyz", "/version", "/version/"]));
        Role(store, "system:monitoring",
            new PolicyRule(["get"], [], [], [], ["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"]));

        Binding(store, "cluster-admin", "cluster-admin", UserInfo.Masters);
        Binding(store, "system:discovery", "system:discovery", UserInfo.Authenticated);
        Binding(store, "system:basic-user", "system:basic-user", UserInfo.Authenticated);
        Binding(store, "system:public-info-viewer", "system:public-info-viewer", UserInfo.Authenticated, "system:unauthenticated");
        Binding(store, "system:monitoring", "system:monitoring", "system:monitoring");
    }

    private static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };

    private static void Role(ObjectStore store, string name, params PolicyRule[] rules) =>
        store.Create(BuiltInResources.ClusterRoles, new JsonObject
        {
            ["metadata"] = Metadata(name),
            ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)r.ToJson())]),
        });

    private static void Binding(ObjectStore store, string name, string role, params string[] groups) =>
        store.Create(BuiltInResources.ClusterRoleBindings, new JsonObject
        {
            ["metadata"] = Metadata(name),
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
            ["subjects"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject
            {
                ["apiGroup"] = "rbac.authorization.k8s.io",
                ["kind"] = "Group",
                ["name"] = g,
            })]),
        });
}
