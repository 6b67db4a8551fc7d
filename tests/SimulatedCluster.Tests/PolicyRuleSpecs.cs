using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Security;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>How one RBAC rule matches a request, as the real authorizer's rule matching does; no cluster needed.</summary>
public sealed class PolicyRuleSpecs
{
    private static readonly UserInfo Someone = UserInfo.ServiceAccount("kube-system", "orchestrator");

    private static PolicyRule Rule(string json) => PolicyRule.From(JsonNode.Parse(json));

    private static RequestAttributes Get(string group, string resource, string subresource = "", string name = "x", string verb = "get") =>
        RequestAttributes.ForResource(Someone, verb, group, resource, subresource, "openstack", name);

    [Fact]
    public void A_rule_matches_its_verb_group_and_resource_only()
    {
        var rule = Rule("""{"verbs":["get","list"],"apiGroups":["apps"],"resources":["deployments"]}""");

        Assert.True(rule.Allows(Get("apps", "deployments")));
        Assert.True(rule.Allows(Get("apps", "deployments", verb: "list", name: "")));
        Assert.False(rule.Allows(Get("apps", "deployments", verb: "delete")));
        Assert.False(rule.Allows(Get("", "deployments")));
        Assert.False(rule.Allows(Get("apps", "statefulsets")));
    }

    [Fact]
    public void The_core_group_is_the_empty_string()
    {
        var rule = Rule("""{"verbs":["get"],"apiGroups":[""],"resources":["secrets"]}""");

        Assert.True(rule.Allows(Get("", "secrets")));
        Assert.False(rule.Allows(Get("apps", "secrets")));
    }

    [Fact]
    public void A_resource_does_not_cover_its_subresources_but_a_star_slash_subresource_covers_every_resource()
    {
        var plain = Rule("""{"verbs":["get","update"],"apiGroups":["*"],"resources":["openstackdeployments"]}""");
        var status = Rule("""{"verbs":["update"],"apiGroups":["*"],"resources":["openstackdeployments/status"]}""");
        var anyStatus = Rule("""{"verbs":["update"],"apiGroups":["*"],"resources":["*/status"]}""");

        Assert.False(plain.Allows(Get("openstack.orchestrator.io", "openstackdeployments", "status", verb: "update")));
        Assert.True(status.Allows(Get("openstack.orchestrator.io", "openstackdeployments", "status", verb: "update")));
        Assert.False(status.Allows(Get("openstack.orchestrator.io", "openstackdeployments", verb: "update")));
        Assert.True(anyStatus.Allows(Get("apps", "deployments", "status", verb: "update")));
        Assert.False(anyStatus.Allows(Get("apps", "deployments", verb: "update")));
        Assert.False(anyStatus.Allows(Get("", "pods", "log", verb: "update")));
    }

    [Fact]
    public void Stars_cover_every_verb_group_and_resource_subresources_included()
    {
        var rule = Rule("""{"verbs":["*"],"apiGroups":["*"],"resources":["*"]}""");

        Assert.True(rule.Allows(Get("", "pods", "log")));
        Assert.True(rule.Allows(Get("apps", "deployments", verb: "deletecollection", name: "")));
        Assert.False(rule.Allows(RequestAttributes.ForPath(Someone, "get", "/metrics")));
    }

    [Fact]
    public void Resource_names_limit_a_rule_to_those_objects_and_never_match_a_request_without_a_name()
    {
        var rule = Rule("""{"verbs":["get","list","create"],"apiGroups":[""],"resources":["configmaps"],"resourceNames":["keystone-config"]}""");

        Assert.True(rule.Allows(Get("", "configmaps", name: "keystone-config")));
        Assert.False(rule.Allows(Get("", "configmaps", name: "other")));
        Assert.False(rule.Allows(Get("", "configmaps", name: "", verb: "list")));
        Assert.False(rule.Allows(Get("", "configmaps", name: "", verb: "create")));
    }

    [Fact]
    public void A_non_resource_url_matches_exactly_or_by_a_trailing_star_prefix()
    {
        var rule = Rule("""{"verbs":["get"],"nonResourceURLs":["/healthz","/apis/*"]}""");

        Assert.True(rule.Allows(RequestAttributes.ForPath(Someone, "get", "/healthz")));
        Assert.True(rule.Allows(RequestAttributes.ForPath(Someone, "get", "/apis/apps/v1")));
        Assert.False(rule.Allows(RequestAttributes.ForPath(Someone, "get", "/healthz/etcd")));
        Assert.False(rule.Allows(RequestAttributes.ForPath(Someone, "get", "/apis")));
        Assert.False(rule.Allows(Get("", "healthz")));
    }

    [Fact]
    public void A_resource_rule_never_matches_a_path()
    {
        var rule = Rule("""{"verbs":["get"],"apiGroups":["*"],"resources":["*"]}""");

        Assert.False(rule.Allows(RequestAttributes.ForPath(Someone, "get", "/version")));
    }
}
