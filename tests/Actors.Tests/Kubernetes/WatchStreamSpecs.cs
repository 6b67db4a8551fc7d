using k8s.Models;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class WatchStreamSpecs
{
    private static readonly ResourceType Pods = ResourceType.Of<V1Pod>();

    [Fact]
    public void A_change_carries_its_object_typed_and_its_resource_version()
    {
        var change = WatchStream<V1Pod>.Parse("""{"type":"MODIFIED","object":{"metadata":{"name":"p","resourceVersion":"12"}}}""", Pods);

        Assert.Equal(WatchEvent<V1Pod>.Modified, change.Type);
        Assert.Equal("p", change.Object!.Metadata.Name);
        Assert.Equal("Pod", change.Object.Kind);
        Assert.Equal("12", change.ResourceVersion);
    }

    [Fact]
    public void A_bookmark_only_moves_the_resource_version()
    {
        var bookmark = WatchStream<V1Pod>.Parse("""{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"99"}}}""", Pods);

        Assert.Null(bookmark.Object);
        Assert.Equal("99", bookmark.ResourceVersion);
    }

    [Fact]
    public void An_expired_resource_version_arrives_as_an_error_status()
    {
        var error = WatchStream<V1Pod>.Parse("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Expired","code":410}}""", Pods);

        Assert.Equal(410, error.Error!.Code);
    }
}
