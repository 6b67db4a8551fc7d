using k8s.Models;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Rendering.Tests;

public class OrderingAndHashSpecs
{
    [Fact]
    public void A_service_comes_after_its_dependencies_even_when_listed_before_them()
    {
        var order = DependencyOrder.Of([Service("nova-api", "keystone"), Service("keystone", "mariadb"), Service("mariadb")]);

        Assert.Equal(["mariadb", "keystone", "nova-api"], order.Select(s => s.Name));
    }

    [Fact]
    public void Independent_services_keep_the_order_of_the_spec()
    {
        var order = DependencyOrder.Of([Service("horizon"), Service("memcached"), Service("rabbitmq")]);

        Assert.Equal(["horizon", "memcached", "rabbitmq"], order.Select(s => s.Name));
    }

    [Fact]
    public void A_cycle_that_slipped_past_validation_loses_no_service()
    {
        var order = DependencyOrder.Of([Service("a", "b"), Service("b", "a"), Service("c")]);

        Assert.Equal(["c", "a", "b"], order.Select(s => s.Name));
    }

    [Fact]
    public void The_hash_of_an_object_does_not_depend_on_the_order_its_maps_were_filled()
    {
        var first = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        var second = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" }, Data = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } };

        Assert.Equal(ContentHash.Of(first), ContentHash.Of(second));
        second.Data["b"] = "3";
        Assert.NotEqual(ContentHash.Of(first), ContentHash.Of(second));
    }

    [Fact]
    public void File_hashes_tell_a_moved_line_from_the_same_content()
    {
        Assert.NotEqual(
            ContentHash.OfFiles(new Dictionary<string, string> { ["a.conf"] = "x", ["b.conf"] = "y" }),
            ContentHash.OfFiles(new Dictionary<string, string> { ["a.conf"] = "y", ["b.conf"] = "x" }));
    }

    private static ServiceSpec Service(string name, params string[] dependsOn) => new(
        name, ServiceKind.Api, "image", 1, 80, dependsOn,
        new Dictionary<string, string>(), new Dictionary<string, string>(), null, null, null, true, []);
}
