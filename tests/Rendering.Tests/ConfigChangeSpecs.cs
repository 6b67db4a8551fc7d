using Orchestrator.Actors.Kubernetes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Rendering.Tests;

/// <summary>A change to one file rolls exactly what reads it: the pod templates and host units of that service.</summary>
public class ConfigChangeSpecs
{
    [Fact]
    public void Changing_one_api_config_file_changes_only_its_configmap_and_deployment()
    {
        var (before, after) = RenderWithChangedFile("keystone", "keystone.conf", secret: false);

        Assert.Equal(new HashSet<string> { "ConfigMap/openstack/keystone-etc", "Deployment/openstack/keystone" },
            ObjectKey.Changed(ObjectKey.Snapshot(before.Objects), ObjectKey.Snapshot(after.Objects)));
        Assert.NotEqual(before.ConfigHashOf("keystone"), after.ConfigHashOf("keystone"));
    }

    [Fact]
    public void Changing_a_shared_looking_file_of_one_pinned_service_leaves_its_siblings_alone()
    {
        // nova-conductor and nova-scheduler carry the same nova.conf text, but each has its own ConfigMap.
        var (before, after) = RenderWithChangedFile("nova-conductor", "nova.conf", secret: false);

        Assert.Equal(new HashSet<string> { "ConfigMap/openstack/nova-conductor-etc", "StatefulSet/openstack/nova-conductor" },
            ObjectKey.Changed(ObjectKey.Snapshot(before.Objects), ObjectKey.Snapshot(after.Objects)));
    }

    [Fact]
    public void Changing_a_secret_file_changes_only_its_secret_and_workload()
    {
        var (before, after) = RenderWithChangedFile("cinder-api", "cinder-secrets.conf", secret: true);

        Assert.Equal(new HashSet<string> { "Secret/openstack/cinder-api-secrets", "Deployment/openstack/cinder-api" },
            ObjectKey.Changed(ObjectKey.Snapshot(before.Objects), ObjectKey.Snapshot(after.Objects)));
    }

    [Theory]
    [InlineData("nova.conf", false, "ConfigMap/openstack/nova-compute-etc")]
    [InlineData("nova-secrets.conf", true, "Secret/openstack/nova-compute-secrets")]
    public void Changing_a_host_service_file_changes_its_unit_hash_on_exactly_its_nodes(string file, bool secret, string holder)
    {
        var (before, after) = RenderWithChangedFile("nova-compute", file, secret);

        Assert.Equal(new HashSet<string> { holder, "HostUnits/cmp-1", "HostUnits/cmp-2" },
            ObjectKey.Changed(ObjectKey.Snapshot(before.Objects), ObjectKey.Snapshot(after.Objects)));
        foreach (var node in new[] { "cmp-1", "cmp-2" })
        {
            var old = before.HostUnitsOf(node)!.Spec.Units.ToDictionary(u => u.Name, u => u.Hash);
            var changed = after.HostUnitsOf(node)!.Spec.Units.Where(u => old[u.Name] != u.Hash).Select(u => u.Name);
            Assert.Equal(["nova-compute"], changed);
        }
    }

    [Fact]
    public void Pod_templates_carry_the_config_hash_as_annotation_and_environment()
    {
        var rendered = ExampleDeployment.Render();
        foreach (var (service, objects) in rendered.ServiceObjects)
        {
            foreach (var template in objects.Select(PodTemplate).OfType<k8s.Models.V1PodTemplateSpec>())
            {
                var hash = rendered.ConfigHashOf(service);
                Assert.Equal(hash, template.Metadata.Annotations[WellKnown.ConfigHashAnnotation]);
                Assert.All(template.Spec.Containers, c => Assert.Contains(c.Env, e => e.Name == WellKnown.ConfigHashEnvironmentVariable && e.Value == hash));
            }
        }
    }

    private static k8s.Models.V1PodTemplateSpec? PodTemplate(k8s.IKubernetesObject<k8s.Models.V1ObjectMeta> item) => item switch
    {
        k8s.Models.V1Deployment d => d.Spec.Template,
        k8s.Models.V1StatefulSet s => s.Spec.Template,
        _ => null,
    };

    private static (Actors.Rendering.RenderedDeployment Before, Actors.Rendering.RenderedDeployment After) RenderWithChangedFile(
        string serviceName, string file, bool secret)
    {
        var deployment = ExampleDeployment.Load();
        var services = deployment.Spec.Services.Select(service =>
        {
            if (service.Name != serviceName)
                return service;
            var files = new SortedDictionary<string, string>(secret ? service.Secrets.ToDictionary() : service.Config.ToDictionary(), StringComparer.Ordinal);
            Assert.True(files.ContainsKey(file), $"{serviceName} has no {file}");
            files[file] += "\n# changed by a test\n";
            return secret ? service with { Secrets = files } : service with { Config = files };
        }).ToList();
        var changed = deployment with { Spec = deployment.Spec with { Services = services } };
        return (ExampleDeployment.Render(deployment), ExampleDeployment.Render(changed));
    }
}
