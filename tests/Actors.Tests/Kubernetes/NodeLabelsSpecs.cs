using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class NodeLabelsSpecs
{
    private static readonly Dictionary<string, string> Observed = new() { ["openstack-compute"] = "true", ["zone"] = "a" };

    [Fact]
    public void Labels_already_as_wanted_need_no_write()
    {
        Assert.Empty(NodeLabels.Differences(Observed, new Dictionary<string, string?> { ["openstack-compute"] = "true", ["absent"] = null }));
    }

    [Fact]
    public void Missing_changed_and_unwanted_labels_differ()
    {
        var differing = NodeLabels.Differences(Observed, new Dictionary<string, string?>
        {
            ["openstack-controller"] = "true",
            ["zone"] = "b",
            ["openstack-compute"] = null,
        });

        Assert.Equal(new Dictionary<string, string?> { ["openstack-compute"] = null, ["openstack-controller"] = "true", ["zone"] = "b" }, differing);
    }

    [Fact]
    public void A_node_without_labels_differs_in_every_label_to_set()
    {
        Assert.Single(NodeLabels.Differences(null, new Dictionary<string, string?> { ["openstack-compute"] = "true", ["gone"] = null }));
    }

    [Fact]
    public void The_merge_patch_removes_with_null_and_sets_with_a_value()
    {
        var patch = NodeLabels.MergePatch(new Dictionary<string, string?> { ["a"] = null, ["b"] = "true" });

        Assert.Equal("""{"a":null,"b":"true"}""", patch.ToJsonString());
    }
}
