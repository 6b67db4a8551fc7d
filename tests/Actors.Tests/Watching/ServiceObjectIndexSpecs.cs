using k8s;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Services;
using Orchestrator.Actors.Watching;

namespace Orchestrator.Actors.Tests.Watching;

public sealed class ServiceObjectIndexSpecs
{
    private static V1ConfigMap ConfigMap(string name, string? service) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            Labels = service is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [WellKnown.ServiceLabel] = service },
        },
    };

    private static IReadOnlyList<string?> Names(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects) => objects.Select(o => o.Metadata.Name).ToList();

    [Fact]
    public void A_service_gets_the_objects_that_carry_its_label_and_a_change_names_the_service_it_touched()
    {
        var index = new ServiceObjectIndex();

        Assert.Equal(["keystone"], index.Put(ObjectIdentity.Of(ConfigMap("keystone-etc", "keystone")), ConfigMap("keystone-etc", "keystone")));
        index.Put(ObjectIdentity.Of(ConfigMap("glance-etc", "glance")), ConfigMap("glance-etc", "glance"));

        Assert.Equal(["keystone-etc"], Names(index.Of("keystone")));
        Assert.Equal(["glance-etc"], Names(index.Of("glance")));
    }

    [Fact]
    public void An_object_relabelled_to_another_service_leaves_the_first_and_both_are_told()
    {
        var index = new ServiceObjectIndex();
        var identity = ObjectIdentity.Of(ConfigMap("shared-etc", "keystone"));
        index.Put(identity, ConfigMap("shared-etc", "keystone"));

        var touched = index.Put(identity, ConfigMap("shared-etc", "glance"));

        Assert.Equal(["keystone", "glance"], touched);
        Assert.Empty(index.Of("keystone"));
        Assert.Equal(["shared-etc"], Names(index.Of("glance")));
    }

    [Fact]
    public void A_deleted_object_is_gone_from_its_service()
    {
        var index = new ServiceObjectIndex();
        var identity = ObjectIdentity.Of(ConfigMap("keystone-etc", "keystone"));
        index.Put(identity, ConfigMap("keystone-etc", "keystone"));

        Assert.Equal(["keystone"], index.Put(identity, null));
        Assert.Empty(index.Of("keystone"));
    }
}
