using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class ResourceTypeSpecs
{
    [Fact]
    public void Core_kinds_live_under_api_v1_in_their_namespace()
    {
        var type = ResourceType.Of<V1ConfigMap>();

        Assert.Equal("v1", type.ApiVersion);
        Assert.True(type.Namespaced);
        Assert.Equal("api/v1/namespaces/openstack/configmaps/nova-conf", type.ItemPath("openstack", "nova-conf"));
    }

    [Fact]
    public void Grouped_kinds_live_under_apis_group_version()
    {
        var type = ResourceType.Of<V1Deployment>();

        Assert.Equal("apps/v1", type.ApiVersion);
        Assert.Equal("apis/apps/v1/namespaces/openstack/deployments", type.CollectionPath("openstack"));
    }

    [Fact]
    public void Nodes_are_cluster_scoped_and_ignore_a_namespace()
    {
        var type = ResourceType.Of<V1Node>();

        Assert.False(type.Namespaced);
        Assert.Null(type.ScopeNamespace("openstack"));
        Assert.Equal("api/v1/nodes/node-1", type.ItemPath(null, "node-1"));
    }

    [Fact]
    public void HostUnits_is_our_cluster_scoped_custom_resource()
    {
        var type = ResourceType.Of<HostUnitsResource>();

        Assert.Equal(new ResourceType(HostUnitsResource.Group, HostUnitsResource.Version, "HostUnits", "hostunits", false), type);
        Assert.Equal("apis/openstack.orchestrator.io/v1alpha1/hostunits/compute-1", type.ItemPath(null, "compute-1"));
    }

    [Fact]
    public void A_namespaced_kind_without_a_namespace_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => ResourceType.Of<V1Secret>().CollectionPath(null));

        Assert.StartsWith("metadata.namespace:", error.Message);
    }

    [Fact]
    public void An_object_without_a_name_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => ResourceType.Of<V1Service>().ItemPath("openstack", ""));

        Assert.StartsWith("metadata.name:", error.Message);
    }

    [Fact]
    public void A_type_without_the_entity_attribute_has_no_path()
    {
        Assert.Throws<ArgumentException>(() => ResourceType.Of<string>());
    }

    [Fact]
    public void Names_are_escaped_into_the_path()
    {
        Assert.Equal("api/v1/namespaces/a%20b/pods/c%2Fd", ResourceType.Of<V1Pod>().ItemPath("a b", "c/d"));
    }
}
