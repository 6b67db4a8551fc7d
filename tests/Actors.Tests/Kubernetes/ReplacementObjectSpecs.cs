using System.Text.Json.Nodes;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Adapters.Kubernetes;

namespace Orchestrator.Actors.Tests.Kubernetes;

public class ReplacementObjectSpecs
{
    private static JsonObject Desired() => JsonNode.Parse($$"""
        {
          "apiVersion": "v1", "kind": "Service",
          "metadata": {
            "name": "keystone", "namespace": "openstack",
            "labels": { "app.kubernetes.io/name": "keystone" },
            "annotations": { "{{WellKnown.DesiredHashAnnotation}}": "new" }
          },
          "spec": { "ports": [ { "port": 5000 } ] }
        }
        """)!.AsObject();

    private static JsonObject Observed() => JsonNode.Parse($$"""
        {
          "apiVersion": "v1", "kind": "Service",
          "metadata": {
            "name": "keystone", "namespace": "openstack", "resourceVersion": "17",
            "labels": { "app.kubernetes.io/name": "keystone", "team": "ops" },
            "annotations": {
              "{{WellKnown.DesiredHashAnnotation}}": "old",
              "openstack.orchestrator.io/retired": "x",
              "deployment.kubernetes.io/revision": "3"
            },
            "finalizers": [ "example.com/protect" ]
          },
          "spec": { "ports": [ { "port": 35357 } ], "clusterIP": "10.0.0.7", "clusterIPs": [ "10.0.0.7" ] },
          "status": { "loadBalancer": {} }
        }
        """)!.AsObject();

    [Fact]
    public void The_replacement_is_fenced_by_the_observed_resource_version()
    {
        var replacement = ReplacementObject.From(Desired(), Observed());

        Assert.Equal("17", replacement["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public void The_desired_spec_and_hash_win()
    {
        var replacement = ReplacementObject.From(Desired(), Observed());

        Assert.Equal(5000, replacement["spec"]!["ports"]![0]!["port"]!.GetValue<int>());
        Assert.Equal("new", DesiredObject.HashOf(replacement));
    }

    [Fact]
    public void What_the_server_allocated_and_reported_is_kept()
    {
        var replacement = ReplacementObject.From(Desired(), Observed());

        Assert.Equal("10.0.0.7", replacement["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal("10.0.0.7", replacement["spec"]!["clusterIPs"]![0]!.GetValue<string>());
        Assert.NotNull(replacement["status"]);
        Assert.Equal("example.com/protect", replacement["metadata"]!["finalizers"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Labels_and_annotations_of_others_are_kept_and_our_retired_ones_dropped()
    {
        var metadata = ReplacementObject.From(Desired(), Observed())["metadata"]!;

        Assert.Equal("ops", metadata["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("3", metadata["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>());
        Assert.Null(metadata["annotations"]!["openstack.orchestrator.io/retired"]);
    }

    [Fact]
    public void The_desired_object_itself_is_left_untouched()
    {
        var desired = Desired();
        var before = desired.ToJsonString();

        ReplacementObject.From(desired, Observed());

        Assert.Equal(before, desired.ToJsonString());
    }

    [Fact]
    public void A_cluster_ip_only_stays_on_services()
    {
        var desired = Desired();
        desired["kind"] = "ConfigMap";
        var observed = Observed();
        observed["kind"] = "ConfigMap";

        Assert.Null(ReplacementObject.From(desired, observed)["spec"]!["clusterIP"]);
    }

    [Fact]
    public void A_statefulset_keeps_the_pod_management_policy_it_was_created_with_and_it_is_no_drift()
    {
        var desired = JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "memcached", "namespace": "openstack"},
             "spec": {"replicas": 3, "serviceName": "memcached", "podManagementPolicy": "Parallel", "template": {"metadata": {"labels": {"a": "b"}}}}}
            """)!.AsObject();
        var observed = JsonNode.Parse("""
            {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "memcached", "namespace": "openstack", "resourceVersion": "5"},
             "spec": {"replicas": 2, "serviceName": "memcached", "podManagementPolicy": "OrderedReady", "template": {"metadata": {"labels": {"a": "b"}}}}}
            """)!.AsObject();

        var replacement = ReplacementObject.From(desired, observed);

        Assert.Equal("OrderedReady", replacement["spec"]!["podManagementPolicy"]!.GetValue<string>());
        Assert.Equal(3, replacement["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(["spec.replicas 2 -> 3"], FieldDrift.Of(desired, observed));
    }
}
