using k8s;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>
/// Each node's agent, with the token of its own ServiceAccount, reaches its node's HostUnits and status and the
/// ConfigMaps and Secrets of its own units, and nothing else: the rendered per-node RBAC applied with kubectl, asked
/// with `kubectl auth can-i` and with real requests, refused as the real API server refuses (403 Forbidden).
/// </summary>
public sealed class NodeAgentRbacSpecs() : ServiceAccountSpecs
{
    private const string Spec = """
        apiVersion: openstack.orchestrator.io/v1alpha1
        kind: OpenStackDeployment
        metadata: {name: cloud, namespace: openstack}
        spec:
          domain: k8s.example.com
          tls: {secretName: tls-ingress, generate: true}
          nodes:
            - {name: ctl-1, roles: [controller]}
            - {name: db-1, roles: [database]}
            - {name: cmp-1, roles: [compute]}
          services:
            - name: mariadb
              kind: host
              role: database
              source: /artifacts/mariadb
              unit: "[Service]\nExecStart=/opt/mariadb/bin/mariadbd\n"
              config: {my.cnf: "[mysqld]\n"}
              secrets: {root-password: "db-s3cret"}
            - name: nova-compute
              kind: host
              role: compute
              source: /artifacts/nova-compute
              unit: "[Service]\nExecStart=/opt/nova-compute/bin/nova-compute\n"
              config: {nova.conf: "[DEFAULT]\n"}
              secrets: {transport-url: "rabbit://nova:n0va@ctl-1"}
            - name: keystone
              kind: api
              image: registry.example.com/keystone:2025.1
              replicas: 1
              port: 5000
              secrets: {db-password: "k3ystone"}
        """;

    private async Task<Kubectl> AgentOf(string node)
    {
        var deployment = SpecLoader.Parse(Spec).Deployment ?? throw new InvalidOperationException("test spec invalid");
        var rendered = DesiredStateRenderer.Render(deployment, null);
        await Admin(KubernetesJson.Serialize(HostUnitsDefinition.Create()));
        await Admin(RenderedOutput.ToYaml(rendered.Objects));
        var token = await Kubectl.Run("create", "token", NodeAgentRenderer.Name(node), "-n", "openstack");
        Assert.True(token.ExitCode == 0, token.ToString());
        return new Kubectl(Cluster.WriteKubeconfig(Path.Combine(Directory, $"agent-{node}.kubeconfig"), token.Out.Trim()));
    }

    [Fact]
    public async Task An_agent_may_read_and_report_on_its_own_node_only()
    {
        var agent = await AgentOf("db-1");

        Assert.Equal("yes\n", (await agent.Run("auth", "can-i", "get", "hostunits/db-1")).Out);
        Assert.Equal("yes\n", (await agent.Run("auth", "can-i", "patch", "hostunits/db-1", "--subresource=status")).Out);
        Assert.Equal("no\n", (await agent.Run("auth", "can-i", "get", "hostunits/cmp-1")).Out);
        Assert.Equal("no\n", (await agent.Run("auth", "can-i", "patch", "hostunits/cmp-1", "--subresource=status")).Out);
        Assert.Equal("no\n", (await agent.Run("auth", "can-i", "list", "hostunits")).Out);

        var own = await agent.Run("get", "hostunits", "db-1", "-o", "name");
        Assert.True(own.ExitCode == 0, own.ToString());
        var watched = await agent.Run("get", "hostunits", "--field-selector", "metadata.name=db-1", "-o", "name");
        Assert.True(watched.ExitCode == 0, watched.ToString());
        var reported = await agent.Run("patch", "hostunits", "db-1", "--subresource=status", "--type=merge", "-p", """{"status":{"units":[]}}""");
        Assert.True(reported.ExitCode == 0, reported.ToString());

        AssertRefused(await agent.Run("get", "hostunits", "cmp-1"),
            "hostunits.openstack.orchestrator.io \"cmp-1\" is forbidden: User \"system:serviceaccount:openstack:openstack-node-agent-db-1\" cannot get resource \"hostunits\" in API group \"openstack.orchestrator.io\" at the cluster scope");
        // kubectl patch reads the object first (refused above); a PUT of the status straight to the server is refused too.
        var body = WriteFile("cmp-1-status.json", """{"apiVersion":"openstack.orchestrator.io/v1alpha1","kind":"HostUnits","metadata":{"name":"cmp-1"},"status":{"units":[]}}""");
        var written = await agent.Run("replace", "--raw", "/apis/openstack.orchestrator.io/v1alpha1/hostunits/cmp-1/status", "-f", body);
        Assert.True(written.ExitCode == 1, written.ToString());
        Assert.Contains("Error from server (Forbidden)", written.Error);
        Assert.Contains("cannot update resource \"hostunits/status\" in API group \"openstack.orchestrator.io\" at the cluster scope", written.Error);
        AssertRefused(await agent.Run("get", "hostunits"),
            "hostunits.openstack.orchestrator.io is forbidden: User \"system:serviceaccount:openstack:openstack-node-agent-db-1\" cannot list resource \"hostunits\" in API group \"openstack.orchestrator.io\" at the cluster scope");
    }

    [Fact]
    public async Task An_agent_may_get_the_files_of_its_own_units_and_the_hash_key_and_no_other_Secret()
    {
        var agent = await AgentOf("db-1");

        foreach (var allowed in new[] { "configmap/mariadb-etc", "secret/mariadb-secrets", "secret/" + ResourceNames.HashKeySecret })
        {
            var got = await agent.Run("get", allowed, "-n", "openstack", "-o", "name");
            Assert.True(got.ExitCode == 0, allowed + ": " + got);
        }
        foreach (var (kind, name) in new[] { ("secrets", "nova-compute-secrets"), ("secrets", "keystone-secrets"), ("secrets", "tls-ingress"), ("configmaps", "nova-compute-etc") })
            AssertRefused(await agent.Run("get", kind, name, "-n", "openstack"),
                $"{kind} \"{name}\" is forbidden: User \"system:serviceaccount:openstack:openstack-node-agent-db-1\" cannot get resource \"{kind}\" in API group \"\" in the namespace \"openstack\"");
        AssertRefused(await agent.Run("get", "secrets", "-n", "openstack"),
            "secrets is forbidden: User \"system:serviceaccount:openstack:openstack-node-agent-db-1\" cannot list resource \"secrets\" in API group \"\" in the namespace \"openstack\"");
    }
}
