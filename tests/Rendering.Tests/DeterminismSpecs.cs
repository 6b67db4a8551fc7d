using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Rendering;

namespace Orchestrator.Rendering.Tests;

public class DeterminismSpecs
{
    [Fact]
    public void Rendering_twice_gives_byte_identical_yaml_and_json()
    {
        var first = ExampleDeployment.Render();
        var second = ExampleDeployment.Render(ExampleDeployment.Load());

        Assert.Equal(RenderedOutput.ToYaml(first.Objects), RenderedOutput.ToYaml(second.Objects));
        Assert.Equal(RenderedOutput.ToJsonList(first.Objects), RenderedOutput.ToJsonList(second.Objects));
    }

    [Fact]
    public void Every_object_carries_the_hash_of_itself_as_rendered_a_secret_one_keyed()
    {
        foreach (var item in ExampleDeployment.Render().Objects)
        {
            var annotations = item.Metadata.Annotations;
            Assert.NotNull(annotations);
            var stamped = annotations[WellKnown.DesiredHashAnnotation];
            annotations.Remove(WellKnown.DesiredHashAnnotation);
            if (annotations.Count == 0)
                item.Metadata.Annotations = null;
            Assert.Equal(item is k8s.Models.V1Secret { Data.Count: > 0 } ? ContentHash.Of(item, ExampleDeployment.GoldenKey) : ContentHash.Of(item), stamped);
        }
    }

    [Fact]
    public void Every_object_is_labelled_as_managed_by_the_orchestrator_for_its_deployment()
    {
        var rendered = ExampleDeployment.Render();
        foreach (var item in rendered.Objects.Where(o => o.Kind != "Node"))
        {
            Assert.Equal(WellKnown.ManagedByValue, item.Metadata.Labels[WellKnown.ManagedByLabel]);
            Assert.Equal("cloud", item.Metadata.Labels[WellKnown.DeploymentLabel]);
        }
        foreach (var (service, objects) in rendered.ServiceObjects)
            Assert.All(objects, o => Assert.Equal(service, o.Metadata.Labels[WellKnown.ServiceLabel]));
    }

    [Fact]
    public void Services_are_listed_after_what_they_depend_on()
    {
        var deployment = ExampleDeployment.Load();
        var order = ExampleDeployment.Render(deployment).ServiceOrder.ToList();

        Assert.Equal(deployment.Spec.Services.Count, order.Count);
        foreach (var service in deployment.Spec.Services)
            Assert.All(service.DependsOn, dependency => Assert.True(
                order.IndexOf(dependency) < order.IndexOf(service.Name), $"{dependency} should come before {service.Name}"));
    }

    [Fact]
    public void Every_object_belongs_to_the_deployment_a_service_or_a_node_exactly_once()
    {
        var rendered = ExampleDeployment.Render();
        var grouped = rendered.SharedObjects
            .Concat(rendered.ServiceObjects.Values.SelectMany(o => o))
            .Concat(rendered.NodeHostUnits.Values)
            .Select(ObjectKey.Of)
            .Concat(rendered.NodeLabels.Keys.Select(node => "Node/" + node))
            .ToList();

        Assert.Equal(grouped.Count, grouped.Distinct().Count());
        Assert.Equal(rendered.Objects.Select(ObjectKey.Of).Order(), grouped.Order());
        Assert.Equal(
            new[] { "Namespace/openstack", "Secret/openstack/orchestrator-hash-key", "Secret/openstack/tls-ingress" }.Concat(
                rendered.NodeHostUnits.Keys.SelectMany(node => new[]
                {
                    $"ServiceAccount/openstack/openstack-node-agent-{node}", $"ClusterRole/openstack-node-agent-openstack-{node}",
                    $"ClusterRoleBinding/openstack-node-agent-openstack-{node}", $"Role/openstack/openstack-node-agent-{node}",
                    $"RoleBinding/openstack/openstack-node-agent-{node}", $"DaemonSet/openstack/openstack-node-agent-{node}",
                })),
            rendered.SharedObjects.Select(ObjectKey.Of));
    }

    [Fact]
    public void Node_objects_carry_exactly_the_role_labels()
    {
        var rendered = ExampleDeployment.Render();
        var node = rendered.Objects.Single(o => o.Kind == "Node" && o.Metadata.Name == "cmp-1");

        Assert.Equal(["openstack-compute", "openstack-net-node"], node.Metadata.Labels.Keys.Order());
        Assert.All(node.Metadata.Labels.Values, value => Assert.Equal("", value));
        Assert.Equal(node.Metadata.Labels, rendered.LabelsOf("cmp-1"));
    }
}
