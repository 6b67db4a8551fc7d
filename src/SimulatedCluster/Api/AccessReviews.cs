using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// authorization.k8s.io reviews (`kubectl auth can-i`, `can-i --list`). The simulated cluster stores RBAC
/// objects but enforces none of them: every request is allowed. So it answers what it does, as a real cluster
/// answers its cluster-admin. Reviews are only created, never stored, as on a real server.
/// </summary>
public static class AccessReviews
{
    public static bool IsReview(ResourceType type) =>
        type == BuiltInResources.SelfSubjectAccessReviews || type == BuiltInResources.SelfSubjectRulesReviews;

    /// <summary>The review the client sent, with its status filled in.</summary>
    public static JsonObject Answer(ResourceType type, JsonObject review)
    {
        review["apiVersion"] = type.GroupVersion;
        review["kind"] = type.Kind;
        review["status"] = type == BuiltInResources.SelfSubjectAccessReviews
            ? new JsonObject { ["allowed"] = true }
            : new JsonObject
            {
                ["resourceRules"] = new JsonArray(new JsonObject
                {
                    ["verbs"] = new JsonArray("*"),
                    ["apiGroups"] = new JsonArray("*"),
                    ["resources"] = new JsonArray("*"),
                }),
                ["nonResourceRules"] = new JsonArray(new JsonObject
                {
                    ["verbs"] = new JsonArray("*"),
                    ["nonResourceURLs"] = new JsonArray("*"),
                }),
                ["incomplete"] = false,
            };
        return review;
    }
}
