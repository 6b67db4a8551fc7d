using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Api;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Security;

/// <summary>
/// RBAC's escalation rule on writes of RBAC objects: a Role or ClusterRole may only grant what its writer
/// already holds (in the role's namespace, or cluster-wide), unless the writer may `escalate` it; a binding
/// may only bind a role whose every right its writer holds where the binding applies, unless the writer may
/// `bind` that role. system:masters is exempt. The refusal is the real server's 403, listing the missing rights.
/// </summary>
public sealed class EscalationCheck(ObjectStore store, RbacAuthorizer authorizer)
{
    public static bool Guards(ResourceType type) =>
        type == BuiltInResources.Roles || type == BuiltInResources.ClusterRoles
        || type == BuiltInResources.RoleBindings || type == BuiltInResources.ClusterRoleBindings;

    public void Confirm(UserInfo user, ResourceType type, string @namespace, string name, JsonObject written)
    {
        if (user.IsPrivileged || !Guards(type))
            return;
        var scope = type.Namespaced ? @namespace : "";
        IReadOnlyList<PolicyRule> granted;
        if (type == BuiltInResources.Roles || type == BuiltInResources.ClusterRoles)
        {
            if (Allowed(user, "escalate", type.Plural, scope, name))
                return;
            granted = PolicyRule.FromRole(written);
        }
        else
        {
            var roleKind = (string?)written["roleRef"]?["kind"];
            var roleName = (string?)written["roleRef"]?["name"] ?? "";
            var roleType = roleKind == "Role" ? BuiltInResources.Roles : BuiltInResources.ClusterRoles;
            if (Allowed(user, "bind", roleType.Plural, scope, roleName))
                return;
            var role = store.Get(roleType, roleType.Namespaced ? scope : "", roleName) ?? throw ApiException.NotFound(roleType, roleName);
            granted = PolicyRule.FromRole(role);
        }
        var (held, errors) = authorizer.RulesFor(user, scope);
        var missing = Atoms(granted).Where(atom => !held.Any(h => h.Allows(atom.AsRequest(user)))).ToList();
        if (missing.Count == 0)
            return;
        var groups = string.Join(' ', user.Groups.Select(g => $"\"{g}\""));
        var message = $"user \"{user.Name}\" (groups=[{groups}]) is attempting to grant RBAC permissions not currently held:\n"
            + string.Join('\n', Compact(missing).Order(StringComparer.Ordinal));
        if (errors.Count > 0)
            message += "; resolution errors: [" + string.Join(", ", errors) + "]";
        var details = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural };
        throw new ApiException(403, "Forbidden", $"{type} \"{name}\" is forbidden: {message}", details);
    }

    private bool Allowed(UserInfo user, string verb, string resource, string @namespace, string name) =>
        authorizer.Authorize(RequestAttributes.ForResource(user, verb, "rbac.authorization.k8s.io", resource, @namespace: @namespace, name: name)).Allowed;

    /// <summary>One verb on one resource (or path) of one group, and one name if the rule names any.</summary>
    private sealed record Atom(string Verb, string Group, string Resource, string Name, string Url)
    {
        public RequestAttributes AsRequest(UserInfo user)
        {
            if (Url.Length > 0)
                return RequestAttributes.ForPath(user, Verb, Url);
            var slash = Resource.IndexOf('/');
            return slash < 0
                ? RequestAttributes.ForResource(user, Verb, Group, Resource, name: Name)
                : RequestAttributes.ForResource(user, Verb, Group, Resource[..slash], Resource[(slash + 1)..], name: Name);
        }
    }

    private static IEnumerable<Atom> Atoms(IEnumerable<PolicyRule> rules)
    {
        foreach (var rule in rules)
        {
            foreach (var verb in rule.Verbs)
            {
                foreach (var url in rule.NonResourceUrls)
                    yield return new Atom(verb, "", "", "", url);
                foreach (var group in rule.ApiGroups)
                    foreach (var resource in rule.Resources)
                        foreach (var name in rule.ResourceNames.Count == 0 ? [""] : rule.ResourceNames)
                            yield return new Atom(verb, group, resource, name, "");
            }
        }
    }

    // As the real server's message: the verbs of one group/resource/name in one rule, written in Go's %q style.
    private static IEnumerable<string> Compact(IReadOnlyList<Atom> missing)
    {
        foreach (var atom in missing.Where(a => a.Url.Length > 0))
            yield return $"{{NonResourceURLs:[\"{atom.Url}\"], Verbs:[\"{atom.Verb}\"]}}";
        foreach (var same in missing.Where(a => a.Url.Length == 0).GroupBy(a => (a.Group, a.Resource, a.Name)))
        {
            var verbs = string.Join(' ', same.Select(a => $"\"{a.Verb}\"").Distinct());
            var names = same.Key.Name.Length > 0 ? $", ResourceNames:[\"{same.Key.Name}\"]" : "";
            yield return $"{{APIGroups:[\"{same.Key.Group}\"], Resources:[\"{same.Key.Resource}\"]{names}, Verbs:[{verbs}]}}";
        }
    }
}
