namespace Orchestrator.Spec.Tests;

public class NodeRuleSpecs
{
    [Theory]
    [InlineData("Ctl-1")]
    [InlineData("ctl_1")]
    [InlineData("")]
    public void Node_names_must_be_DNS_1123_subdomains(string name)
    {
        var document = SpecDocument.Valid();
        document.Node(1)["name"] = name;
        document.FailsWithOnly("spec.nodes[1].name", "is not a DNS-1123 subdomain");
    }

    [Fact]
    public void Node_names_may_be_fully_qualified_host_names()
    {
        var document = SpecDocument.Valid();
        document.Node(2)["name"] = "cmp-1.rack-3.example.com";
        document.IsValid();
    }

    [Fact]
    public void Node_names_are_unique()
    {
        var document = SpecDocument.Valid();
        document.Node(2)["name"] = "ctl-1";
        document.FailsWithOnly("spec.nodes[2].name", "duplicate node name 'ctl-1' (first at spec.nodes[0])");
    }

    [Fact]
    public void A_node_needs_at_least_one_role()
    {
        var document = SpecDocument.Valid();
        document.Nodes.Add(SpecDocument.Map(("name", "spare-1"), ("roles", SpecDocument.List())));
        document.FailsWithOnly("spec.nodes[3].roles", "at least one role");
    }

    [Fact]
    public void An_unknown_role_is_named_with_its_index_and_the_closest_known_role()
    {
        var document = SpecDocument.Valid();
        document.Node(2)["roles"] = SpecDocument.List("compute", "netnode");
        var error = document.FailsWithOnly("spec.nodes[2].roles[1]", "unknown role 'netnode' (did you mean 'net-node'?)");
        Assert.Contains("expected one of controller, compute, net-node", error.Reason);
    }

    [Fact]
    public void A_role_is_listed_once_per_node()
    {
        var document = SpecDocument.Valid();
        document.Node(2)["roles"] = SpecDocument.List("compute", "net-node", "compute");
        document.FailsWithOnly("spec.nodes[2].roles[2]", "duplicate role 'compute'");
    }
}
