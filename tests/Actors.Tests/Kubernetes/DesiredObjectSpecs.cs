using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class DesiredObjectSpecs
{
    private static V1ConfigMap ConfigMap(string value, string? hash = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "nova-conf",
            NamespaceProperty = "openstack",
            Annotations = hash is null ? null : new Dictionary<string, string> { [WellKnown.DesiredHashAnnotation] = hash },
        },
        Data = new Dictionary<string, string> { ["nova.conf"] = value },
    };

    [Fact]
    public void The_renderers_hash_is_kept()
    {
        var json = DesiredObject.From(ConfigMap("a", hash: "abc123"), ResourceType.Of<V1ConfigMap>());

        Assert.Equal("abc123", DesiredObject.HashOf(json));
    }

    [Fact]
    public void An_object_without_a_hash_gets_a_stable_one_that_follows_its_content()
    {
        var type = ResourceType.Of<V1ConfigMap>();

        var first = DesiredObject.HashOf(DesiredObject.From(ConfigMap("a"), type));
        var again = DesiredObject.HashOf(DesiredObject.From(ConfigMap("a"), type));
        var changed = DesiredObject.HashOf(DesiredObject.From(ConfigMap("b"), type));

        Assert.NotNull(first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public void ApiVersion_and_kind_come_from_the_type_when_the_model_leaves_them_empty()
    {
        var json = DesiredObject.From(ConfigMap("a"), ResourceType.Of<V1ConfigMap>());

        Assert.Equal("v1", json["apiVersion"]!.GetValue<string>());
        Assert.Equal("ConfigMap", json["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Fields_the_server_owns_are_not_sent()
    {
        var desired = ConfigMap("a", hash: "h");
        desired.Metadata.ResourceVersion = "42";
        desired.Metadata.Uid = "u-1";

        var json = DesiredObject.From(desired, ResourceType.Of<V1ConfigMap>());

        Assert.Null(json["metadata"]!["resourceVersion"]);
        Assert.Null(json["metadata"]!["uid"]);
    }

    [Fact]
    public void Current_means_every_rendered_field_held_our_hash_included_and_extra_server_fields_do_not_count()
    {
        var desired = DesiredObject.From(ConfigMap("a", hash: "h1"), ResourceType.Of<V1ConfigMap>());
        JsonObject Observed(string? hash)
        {
            var observed = desired.DeepClone().AsObject();
            observed["metadata"]!["resourceVersion"] = "42";
            observed["metadata"]!["annotations"] = hash is null ? new JsonObject() : new JsonObject { [WellKnown.DesiredHashAnnotation] = hash, ["other"] = "x" };
            return observed;
        }

        Assert.True(DesiredObject.IsCurrent(desired, Observed("h1")));
        Assert.False(DesiredObject.IsCurrent(desired, Observed("h0")));
        Assert.False(DesiredObject.IsCurrent(desired, Observed(null)));
    }
}
