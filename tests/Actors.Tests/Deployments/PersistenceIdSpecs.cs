using Orchestrator.Actors.Deployments;
using Orchestrator.Messages.Deployments;

namespace Orchestrator.Actors.Tests.Deployments;

public class PersistenceIdSpecs
{
    private static readonly DeploymentKey Cloud = new("openstack", "cloud");

    [Fact]
    public void Keyed_ids_read_back_as_what_made_them()
    {
        Assert.Equal(new PersistenceIds.Subject("deployment", Cloud, "cloud"), PersistenceIds.Read(PersistenceIds.Coordinator(Cloud)));
        Assert.Equal(new PersistenceIds.Subject("service", Cloud, "keystone"), PersistenceIds.Read(PersistenceIds.Service(Cloud, "keystone")));
        Assert.Equal(new PersistenceIds.Subject("node", Cloud, "node-1"), PersistenceIds.Read(PersistenceIds.Node(Cloud, "node-1")));
    }

    [Fact]
    public void Legacy_bare_ids_read_with_no_deployment()
    {
        Assert.Equal(new PersistenceIds.Subject("service", null, "nova-api"), PersistenceIds.Read("service-nova-api"));
        Assert.Equal(new PersistenceIds.Subject("node", null, "node-1"), PersistenceIds.Read("node-node-1"));
        Assert.Equal("deployment", PersistenceIds.Read("deployment-coordinator").Kind);
        Assert.Equal("other", PersistenceIds.Read("agent-host-node-1").Kind);
    }

    [Theory]
    [InlineData("openstack/cloud", true)]
    [InlineData("cloud", false)]
    [InlineData("/cloud", false)]
    [InlineData("a/b/c", false)]
    public void Deployment_keys_parse_only_namespace_slash_name(string text, bool valid) =>
        Assert.Equal(valid, DeploymentKey.TryParse(text) is not null);
}
