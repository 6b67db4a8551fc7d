namespace Orchestrator.Spec.Tests;

public class PlacementRuleSpecs
{
    [Fact]
    public void Every_host_role_in_use_is_held_by_a_node()
    {
        var document = SpecDocument.Valid();
        document.Node(1)["roles"] = SpecDocument.List("block-storage");
        document.FailsWithOnly("spec.services[0].role", "no node has the role 'database'");
    }

    [Fact]
    public void Api_and_pinned_services_need_a_controller_node()
    {
        var document = SpecDocument.Valid();
        document.Node(0)["roles"] = SpecDocument.List("object-storage");
        var error = document.FailsWithOnly("spec.nodes", "no node has the role controller");
        Assert.Contains("memcached, keystone", error.Reason);
    }

    [Fact]
    public void A_spec_of_host_services_only_needs_no_controller()
    {
        var document = SpecDocument.Valid();
        document.Services.RemoveRange(1, 2);
        document.Node(0)["roles"] = SpecDocument.List("object-storage");
        document.IsValid();
    }
}
