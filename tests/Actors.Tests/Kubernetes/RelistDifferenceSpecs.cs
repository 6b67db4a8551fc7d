using k8s.Models;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class RelistDifferenceSpecs
{
    private static V1Pod Pod(string name, string resourceVersion) =>
        new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "openstack", ResourceVersion = resourceVersion } };

    private static Dictionary<ObjectKey, V1Pod> Known(params V1Pod[] pods) => pods.ToDictionary(pod => ObjectKey.Of(pod));

    [Fact]
    public void Objects_gone_since_the_last_list_are_reported_deleted_with_their_last_state()
    {
        var gone = Pod("b", "5");

        var changes = RelistDifference.Between(Known(Pod("a", "4"), gone), [Pod("a", "4")]);

        var deleted = Assert.Single(changes);
        Assert.Equal(ChangeType.Deleted, deleted.Type);
        Assert.Same(gone, deleted.Object);
    }

    [Fact]
    public void Objects_whose_resource_version_moved_are_modified_and_new_ones_added()
    {
        var changes = RelistDifference.Between(Known(Pod("a", "4")), [Pod("a", "9"), Pod("c", "8")]);

        Assert.Equal(
            [(ChangeType.Modified, "a"), (ChangeType.Added, "c")],
            changes.Select(change => (change.Type, change.Object.Metadata.Name)).ToList());
    }

    [Fact]
    public void Nothing_changed_means_nothing_reported()
    {
        Assert.Empty(RelistDifference.Between(Known(Pod("a", "4"), Pod("b", "5")), [Pod("b", "5"), Pod("a", "4")]));
    }

    [Fact]
    public void Same_names_in_different_namespaces_are_different_objects()
    {
        var other = Pod("a", "4");
        other.Metadata.NamespaceProperty = "kube-system";

        var changes = RelistDifference.Between(Known(Pod("a", "4")), [other]);

        Assert.Equal([ChangeType.Added, ChangeType.Deleted], changes.Select(change => change.Type).ToList());
    }
}
