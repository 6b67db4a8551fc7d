using System.Net;
using System.Net.Sockets;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>Retry lines name the cause in the failure's own words and a cluster-scoped object without "null/".</summary>
public sealed class RetryLogSpecs
{
    [Fact]
    public void A_transport_failure_is_described_by_its_innermost_message()
    {
        var failure = new HttpRequestException("Connection refused (127.0.0.1:6443)", new SocketException((int)SocketError.ConnectionRefused));

        var described = ApiCallRetry.DescribeFailure(failure);

        Assert.StartsWith("HttpRequestException: ", described);
        Assert.Contains(new SocketException((int)SocketError.ConnectionRefused).Message, described);
    }

    [Fact]
    public void An_HTTP_status_is_described_by_code_and_name()
    {
        var failure = new k8s.Autorest.HttpOperationException("busy")
        {
            Response = new k8s.Autorest.HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), ""),
        };

        Assert.Equal("503 ServiceUnavailable", ApiCallRetry.DescribeFailure(failure));
    }

    [Theory]
    [InlineData("get", null, "node-1", "node-1")]
    [InlineData("apply", "openstack", "keystone", "openstack/keystone")]
    [InlineData("watch", null, null, "in all namespaces")]
    [InlineData("list", "openstack", "app=x", "in openstack selector app=x")]
    public void A_call_names_its_object_by_its_scope(string verb, string? @namespace, string? name, string shown) =>
        Assert.Equal(shown, new ApiCall(verb, "Node", @namespace, name).Object);
}
