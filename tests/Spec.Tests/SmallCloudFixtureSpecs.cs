using Orchestrator.Messages.Spec;

namespace Orchestrator.Spec.Tests;

/// <summary>A realistic spec, read from a file as an operator would give it.</summary>
public class SmallCloudFixtureSpecs
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "small-cloud.yaml");

    [Fact]
    public void The_small_cloud_is_valid_and_read_whole()
    {
        var result = SpecLoader.Load(FixturePath);

        Assert.Empty(result.Errors.Select(error => error.ToString()));
        var deployment = Assert.IsType<OpenStackDeployment>(result.Deployment);
        Assert.Equal("lab-cloud", deployment.Metadata.Name);
        Assert.Equal(new TlsSpec("tls-ingress", true), deployment.Spec.Tls);
        Assert.Equal(["ctl-1", "db-1", "cmp-1.lab.example.com", "cmp-2.lab.example.com"],
            deployment.Spec.Nodes.Select(node => node.Name));
        Assert.Equal(["compute", "net-node"], deployment.Spec.Nodes[2].Roles);
        Assert.Equal("registry.example.com/orchestrator:0.1.0", deployment.Spec.AgentImage);
    }

    [Fact]
    public void Each_kind_of_service_keeps_its_own_fields()
    {
        var services = SpecLoader.Load(FixturePath).Deployment!.Spec.Services.ToDictionary(service => service.Name);

        var keystone = services["keystone"];
        Assert.Equal((ServiceKind.Api, 2, 5000), (keystone.Kind, keystone.Replicas, keystone.Port));
        Assert.Equal(["mariadb", "memcached"], keystone.DependsOn);
        Assert.Contains("memcache_servers = memcached:11211", keystone.Config["keystone.conf"]);
        Assert.Equal("k3y", keystone.Secrets["db-password"]);

        var rabbitmq = services["rabbitmq"];
        Assert.Equal((ServiceKind.Pinned, 3), (rabbitmq.Kind, rabbitmq.Replicas));

        var compute = services["nova-compute"];
        Assert.Equal((ServiceKind.Host, "compute", "/artifacts/nova-compute"), (compute.Kind, compute.Role, compute.Source));
        Assert.False(compute.Conntrack);
        Assert.Equal(["5900-5999/tcp", "16509/tcp"], compute.Ports);
        Assert.Contains("ExecStart=/opt/nova-compute/bin/nova-compute", compute.Unit);
        Assert.Null(compute.Image);
    }

    [Fact]
    public void Config_files_are_kept_in_name_order_for_deterministic_rendering()
    {
        var text = File.ReadAllText(FixturePath).Replace(
            "        glance-api.conf: |",
            "        policy.yaml: \"{}\"\n        glance-api.conf: |");
        var glance = SpecLoader.Parse(text).Deployment!.Spec.Services.Single(service => service.Name == "glance-api");
        Assert.Equal(["glance-api.conf", "policy.yaml"], glance.Config.Keys);
    }
}
