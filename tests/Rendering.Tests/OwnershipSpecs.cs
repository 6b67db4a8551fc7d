using k8s.Models;
using Orchestrator.Actors.Kubernetes;

namespace Orchestrator.Rendering.Tests;

/// <summary>Everything rendered can be found by the deployment's labels, and in operator mode is owned by the custom resource.</summary>
public class OwnershipSpecs
{
    [Fact]
    public void Every_rendered_object_but_a_node_carries_the_deployments_labels()
    {
        var rendered = ExampleDeployment.Render().Objects.Where(item => item is not V1Node).ToList();

        Assert.NotEmpty(rendered);
        Assert.All(rendered, item =>
        {
            Assert.NotNull(item.Metadata.Labels);
            Assert.Equal(WellKnown.ManagedByValue, item.Metadata.Labels[WellKnown.ManagedByLabel]);
            Assert.Equal("cloud", item.Metadata.Labels[WellKnown.DeploymentLabel]);
        });
        // Each kind we render is covered, so a new kind without labels fails here.
        Assert.Superset(new HashSet<string> { "Namespace", "Secret", "ConfigMap", "Service", "Deployment", "StatefulSet", "Ingress", "HostUnits",
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "DaemonSet" }, rendered.Select(item => item.Kind).ToHashSet());
    }

    [Fact]
    public void In_operator_mode_every_namespaced_object_is_owned_by_the_OpenStackDeployment_and_no_cluster_scoped_one_is()
    {
        var deployment = ExampleDeployment.Load();
        deployment = deployment with { Metadata = deployment.Metadata with { Uid = "6f1c2a9e-0000-4000-8000-000000000001" } };

        var rendered = ExampleDeployment.Render(deployment).Objects;

        foreach (var item in rendered)
        {
            if (item.Metadata.NamespaceProperty is null)
            {
                Assert.Null(item.Metadata.OwnerReferences);
                continue;
            }
            var owner = Assert.Single(item.Metadata.OwnerReferences!);
            Assert.Equal(("openstack.orchestrator.io/v1alpha1", "OpenStackDeployment", "cloud", "6f1c2a9e-0000-4000-8000-000000000001", true, true),
                (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        }
        Assert.Contains(rendered, item => item.Metadata.OwnerReferences is not null);
    }

    [Fact]
    public void A_spec_file_renders_no_owner_references()
    {
        Assert.All(ExampleDeployment.Render().Objects, item => Assert.Null(item.Metadata.OwnerReferences));
    }
}
