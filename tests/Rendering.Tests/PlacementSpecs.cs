using k8s.Models;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Rendering.Tests;

public class PlacementSpecs
{
    [Fact]
    public void Api_pods_run_on_controller_nodes_behind_a_service_and_a_tls_ingress()
    {
        var rendered = ExampleDeployment.Render();
        var objects = rendered.ObjectsOf("nova-api");

        var deployment = Assert.Single(objects.OfType<V1Deployment>());
        Assert.Equal(new Dictionary<string, string> { ["openstack-controller"] = "" }, deployment.Spec.Template.Spec.NodeSelector);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("/etc/nova-api/", deployment.Spec.Template.Spec.Containers[0].VolumeMounts[0].MountPath);

        var service = Assert.Single(objects.OfType<V1Service>());
        Assert.Equal(8774, service.Spec.Ports[0].Port);

        var ingress = Assert.Single(objects.OfType<V1Ingress>());
        Assert.Equal("nova-api.cloud.example.com", ingress.Spec.Rules[0].Host);
        Assert.Equal("tls-ingress", ingress.Spec.Tls[0].SecretName);
        Assert.Equal(["nova-api.cloud.example.com"], ingress.Spec.Tls[0].Hosts);
        Assert.Equal(8774, ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Port.Number);
    }

    [Fact]
    public void Pinned_pods_run_on_controller_nodes_as_a_statefulset_started_together_behind_a_headless_service()
    {
        var objects = ExampleDeployment.Render().ObjectsOf("rabbitmq");

        var statefulSet = Assert.Single(objects.OfType<V1StatefulSet>());
        var service = Assert.Single(objects.OfType<V1Service>());
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.Equal(service.Metadata.Name, statefulSet.Spec.ServiceName);
        Assert.Equal("Parallel", statefulSet.Spec.PodManagementPolicy);
        Assert.Equal(new Dictionary<string, string> { ["openstack-controller"] = "" }, statefulSet.Spec.Template.Spec.NodeSelector);
        Assert.Empty(objects.OfType<V1Ingress>());
    }

    [Fact]
    public void A_pinned_service_with_ordered_start_starts_its_pods_one_after_the_other()
    {
        var example = ExampleDeployment.Load();
        var ordered = example with
        {
            Spec = example.Spec with { Services = example.Spec.Services.Select(s => s.Name == "rabbitmq" ? s with { OrderedStart = true } : s).ToList() },
        };

        var rendered = ExampleDeployment.Render(ordered);

        Assert.Equal("OrderedReady", Assert.Single(rendered.ObjectsOf("rabbitmq").OfType<V1StatefulSet>()).Spec.PodManagementPolicy);
        Assert.Equal("Parallel", Assert.Single(rendered.ObjectsOf("memcached").OfType<V1StatefulSet>()).Spec.PodManagementPolicy);
    }

    [Fact]
    public void Host_services_become_units_on_every_node_of_their_role_and_nothing_in_the_pod_world()
    {
        var rendered = ExampleDeployment.Render();

        Assert.Equal(["nova-compute-etc", "nova-compute-secrets"], rendered.ObjectsOf("nova-compute").Select(o => o.Metadata.Name));
        var cmp = rendered.HostUnitsOf("cmp-1")!;
        Assert.Null(cmp.Metadata.NamespaceProperty);
        Assert.Equal("cmp-1", cmp.Spec.Node);
        Assert.Equal(
            ["nova-compute", "neutron-openvswitch-agent", "neutron-l3-agent", "neutron-dhcp-agent", "neutron-metadata-agent"],
            cmp.Spec.Units.Select(u => u.Name));
        var compute = cmp.Spec.Units[0];
        Assert.Equal(("openstack", "nova-compute-etc", "nova-compute-secrets", false), (compute.Namespace, compute.ConfigMap, compute.Secret, compute.Conntrack));
        Assert.Contains("16509/tcp", compute.Ports);

        Assert.Equal(["mariadb"], rendered.HostUnitsOf("db-1")!.Spec.Units.Select(u => u.Name));
        Assert.Equal(["cinder-volume"], rendered.HostUnitsOf("blk-1")!.Spec.Units.Select(u => u.Name));
        Assert.Null(rendered.HostUnitsOf("ctl-1"));
    }

    [Fact]
    public void Each_stateful_node_has_its_own_privileged_agent_pinned_to_it_running_as_its_own_account()
    {
        var deployment = ExampleDeployment.Load();
        var rendered = ExampleDeployment.Render(deployment);
        var agents = rendered.Objects.OfType<V1DaemonSet>().ToList();
        Assert.Equal(rendered.NodeHostUnits.Keys.Order(), agents.Select(a => a.Metadata.Name["openstack-node-agent-".Length..]).Order());

        foreach (var agent in agents)
        {
            var node = agent.Metadata.Name["openstack-node-agent-".Length..];
            var pod = agent.Spec.Template.Spec;
            Assert.Equal(agent.Metadata.Name, pod.ServiceAccountName);
            var terms = pod.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms;
            Assert.Equal(NodeRoles.Stateful.Select(NodeRoles.Label), terms.Select(t => Assert.Single(t.MatchExpressions).Key));
            Assert.All(terms, t => Assert.Equal("Exists", t.MatchExpressions[0].OperatorProperty));
            Assert.All(terms, t => Assert.Equal([node], Assert.Single(t.MatchFields, f => f.Key == "metadata.name" && f.OperatorProperty == "In").Values));
            Assert.Equal(WellKnown.AgentComponent, agent.Spec.Template.Metadata.Labels[WellKnown.ComponentLabel]);
            Assert.True(pod.HostNetwork);
            Assert.True(pod.HostPID);

            var container = Assert.Single(pod.Containers);
            Assert.Equal(deployment.Spec.AgentImage, container.Image);
            Assert.True(container.SecurityContext.Privileged);
            Assert.Equal(["agent", "--node", "$(NODE_NAME)", "--host-root", "/host", "--source-root", "/artifacts"], container.Args);
            Assert.Equal("spec.nodeName", container.Env.Single(e => e.Name == "NODE_NAME").ValueFrom.FieldRef.FieldPath);
            var mount = Assert.Single(container.VolumeMounts);
            Assert.Equal("/host", mount.MountPath);
            Assert.Equal("/", pod.Volumes.Single(v => v.Name == mount.Name).HostPath.Path);
        }
    }

    [Fact]
    public void A_node_agents_rules_name_only_its_node_and_the_files_of_its_units()
    {
        var rendered = ExampleDeployment.Render();
        foreach (var (node, hostUnits) in rendered.NodeHostUnits)
        {
            var clusterRole = rendered.Objects.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == $"openstack-node-agent-openstack-{node}");
            Assert.All(clusterRole.Rules, rule => Assert.Equal([node], rule.ResourceNames));
            var role = rendered.Objects.OfType<V1Role>().Single(r => r.Metadata.Name == $"openstack-node-agent-{node}");
            Assert.All(role.Rules, rule => Assert.Equal(["get"], rule.Verbs));
            Assert.All(role.Rules, rule => Assert.NotEmpty(rule.ResourceNames)); // empty would mean every name
            var secrets = role.Rules.Single(r => r.Resources.SequenceEqual(["secrets"])).ResourceNames;
            Assert.Equal(hostUnits.Spec.Units.Select(u => u.Secret).Append(ResourceNames.HashKeySecret).Distinct().Order(), secrets.Order());
            Assert.DoesNotContain("tls-ingress", secrets);
        }
    }

    [Fact]
    public void A_deployment_without_host_services_has_no_agent()
    {
        var deployment = ExampleDeployment.Load();
        var withoutHost = deployment with
        {
            Spec = deployment.Spec with
            {
                Services = deployment.Spec.Services.Where(s => s.Kind != ServiceKind.Host)
                    .Select(s => s with { DependsOn = [] }).ToList(),
            },
        };
        var rendered = ExampleDeployment.Render(withoutHost);

        Assert.Empty(rendered.Objects.OfType<V1DaemonSet>());
        Assert.All(rendered.NodeHostUnits.Values, h => Assert.Empty(h.Spec.Units));
    }
}
