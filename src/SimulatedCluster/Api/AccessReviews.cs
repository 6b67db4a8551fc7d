using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Security;

namespace Orchestrator.SimulatedCluster.Api;

/// <summary>
/// authorization.k8s.io self reviews (`kubectl auth can-i`, `can-i --list`), answered for the user the request
/// acts as (impersonation included) by the same RBAC authorizer that guards every request. Reviews are only
/// created, never stored, as on a real server.
/// </summary>
public static class AccessReviews
{
    public static bool IsReview(ResourceType type) =>
        type == BuiltInResources.SelfSubjectAccessReviews || type == BuiltInResources.SelfSubjectRulesReviews;

    /// <summary>The review the client sent, with its status filled in.</summary>
    public static JsonObject Answer(ResourceType type, JsonObject review, UserInfo user, RbacAuthorizer authorizer)
    {
        review["apiVersion"] = type.GroupVersion;
        review["kind"] = type.Kind;
        review["status"] = type == BuiltInResources.SelfSubjectAccessReviews
            ? AccessStatus(review["spec"], user, authorizer)
            : RulesStatus((string?)review["spec"]?["namespace"] ?? "", user, authorizer);
        return review;
    }

    private static JsonObject AccessStatus(JsonNode? spec, UserInfo user, RbacAuthorizer authorizer)
    {
        RequestAttributes asked;
        if (spec?["resourceAttributes"] is JsonObject resource)
            asked = RequestAttributes.ForResource(user, (string?)resource["verb"] ?? "", (string?)resource["group"] ?? "", (string?)resource["resource"] ?? "",
                (string?)resource["subresource"] ?? "", (string?)resource["namespace"] ?? "", (string?)resource["name"] ?? "", (string?)resource["version"] ?? "");
        else if (spec?["nonResourceAttributes"] is JsonObject nonResource)
            asked = RequestAttributes.ForPath(user, (string?)nonResource["verb"] ?? "", (string?)nonResource["path"] ?? "");
        else
            throw ApiException.BadRequest("spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified");
        var decision = authorizer.Authorize(asked);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
            status["reason"] = decision.Reason;
        return status;
    }

    private static JsonObject RulesStatus(string @namespace, UserInfo user, RbacAuthorizer authorizer)
    {
        var (rules, errors) = authorizer.RulesFor(user, @namespace);
        var status = new JsonObject
        {
            ["resourceRules"] = new JsonArray([.. rules.Where(r => r.NonResourceUrls.Count == 0).Select(ResourceRule)]),
            ["nonResourceRules"] = new JsonArray([.. rules.Where(r => r.NonResourceUrls.Count > 0).Select(r => (JsonNode)new JsonObject
            {
                ["verbs"] = Strings(r.Verbs),
                ["nonResourceURLs"] = Strings(r.NonResourceUrls),
            })]),
            ["incomplete"] = errors.Count > 0,
        };
        if (errors.Count > 0)
            status["evaluationError"] = string.Join(", ", errors);
        return status;
    }

    private static JsonNode ResourceRule(PolicyRule rule)
    {
        var json = new JsonObject { ["verbs"] = Strings(rule.Verbs), ["apiGroups"] = Strings(rule.ApiGroups), ["resources"] = Strings(rule.Resources) };
        if (rule.ResourceNames.Count > 0)
            json["resourceNames"] = Strings(rule.ResourceNames);
        return json;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}
