using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>The authorizer's answer: allowed or not, and the reason the real RBAC authorizer gives (often empty on a denial).</summary>
public sealed record AuthorizationDecision(bool Allowed, string Reason);

/// <summary>
/// RBAC as the API server's authorizer applies it, read from the Roles, ClusterRoles, RoleBindings and
/// ClusterRoleBindings in the store at each request: a ClusterRoleBinding grants its ClusterRole everywhere;
/// a RoleBinding grants its Role or ClusterRole only in the binding's namespace. Users in system:masters are
/// allowed before RBAC is asked, as the real server's privileged-group authorizer does.
/// </summary>
public sealed class RbacAuthorizer(ObjectStore store)
{
    /// <summary>A rule reachable by a user, with where it came from (the allow reason names it).</summary>
    private sealed record GrantedRule(PolicyRule Rule, string Source);

    public AuthorizationDecision Authorize(RequestAttributes request)
    {
        if (request.User.IsPrivileged)
            return new AuthorizationDecision(true, "");
        var errors = new List<string>();
        foreach (var granted in RulesReaching(request.User, request.Namespace, errors))
        {
            if (granted.Rule.Allows(request))
                return new AuthorizationDecision(true, "RBAC: allowed by " + granted.Source);
        }
        return new AuthorizationDecision(false, errors.Count == 0 ? "" : "RBAC: " + Aggregate(errors));
    }

    /// <summary>Every rule a user holds in a namespace ("" for cluster scope): what a SelfSubjectRulesReview lists.</summary>
    public (IReadOnlyList<PolicyRule> Rules, IReadOnlyList<string> Errors) RulesFor(UserInfo user, string @namespace)
    {
        var errors = new List<string>();
        var rules = RulesReaching(user, @namespace, errors).Select(g => g.Rule).ToList();
        return (rules, errors);
    }

    private List<GrantedRule> RulesReaching(UserInfo user, string @namespace, List<string> errors)
    {
        var granted = new List<GrantedRule>();
        foreach (var binding in store.List(BuiltInResources.ClusterRoleBindings, null).Items)
        {
            if (Subjects(binding, "").FirstOrDefault(s => Applies(s, user, "")) is not { } subject)
                continue;
            var roleRef = binding["roleRef"];
            var source = $"ClusterRoleBinding \"{binding.Name()}\" of {(string?)roleRef?["kind"]} \"{(string?)roleRef?["name"]}\" to {Describe(subject, "")}";
            foreach (var rule in RoleRules(roleRef, "", errors))
                granted.Add(new GrantedRule(rule, source));
        }
        if (@namespace.Length == 0)
            return granted;
        foreach (var binding in store.List(BuiltInResources.RoleBindings, @namespace).Items)
        {
            if (Subjects(binding, @namespace).FirstOrDefault(s => Applies(s, user, @namespace)) is not { } subject)
                continue;
            var roleRef = binding["roleRef"];
            var source = $"RoleBinding \"{binding.Name()}/{@namespace}\" of {(string?)roleRef?["kind"]} \"{(string?)roleRef?["name"]}\" to {Describe(subject, @namespace)}";
            foreach (var rule in RoleRules(roleRef, @namespace, errors))
                granted.Add(new GrantedRule(rule, source));
        }
        return granted;
    }

    private IReadOnlyList<PolicyRule> RoleRules(JsonNode? roleRef, string bindingNamespace, List<string> errors)
    {
        var kind = (string?)roleRef?["kind"];
        var name = (string?)roleRef?["name"] ?? "";
        var (type, ns) = kind == "Role" ? (BuiltInResources.Roles, bindingNamespace) : (BuiltInResources.ClusterRoles, "");
        if (kind is not ("Role" or "ClusterRole"))
        {
            errors.Add($"unsupported role reference kind: \"{kind}\"");
            return [];
        }
        var role = store.Get(type, ns, name);
        if (role is null)
        {
            // The authorizer reads roles through listers, whose NotFound names the resource in the singular.
            errors.Add($"{type.Singular}.{type.Group} \"{name}\" not found");
            return [];
        }
        return PolicyRule.FromRole(role);
    }

    private sealed record Subject(string Kind, string Name, string Namespace);

    private static IEnumerable<Subject> Subjects(JsonObject binding, string bindingNamespace) =>
        binding["subjects"]?.AsArray().Select(s => new Subject((string?)s?["kind"] ?? "", (string?)s?["name"] ?? "", (string?)s?["namespace"] ?? ""))
        ?? [];

    private static bool Applies(Subject subject, UserInfo user, string bindingNamespace) => subject.Kind switch
    {
        "User" => subject.Name == user.Name,
        "Group" => user.Groups.Contains(subject.Name),
        "ServiceAccount" => UserInfo.ServiceAccountPrefix + (subject.Namespace.Length > 0 ? subject.Namespace : bindingNamespace) + ":" + subject.Name == user.Name,
        _ => false,
    };

    // The real authorizer writes a service account as "name/namespace" in its reasons; kept as it is.
    private static string Describe(Subject subject, string bindingNamespace) => subject.Kind == "ServiceAccount"
        ? $"ServiceAccount \"{subject.Name}/{(subject.Namespace.Length > 0 ? subject.Namespace : bindingNamespace)}\""
        : $"{subject.Kind} \"{subject.Name}\"";

    private static string Aggregate(IReadOnlyList<string> errors) =>
        errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
}
