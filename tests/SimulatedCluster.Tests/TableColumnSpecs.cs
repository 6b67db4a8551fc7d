namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>`kubectl get` tables with the columns a real cluster's printers give.</summary>
[Trait("Category", "EndToEnd")]
public sealed class TableColumnSpecs : ClusterSpecs
{
    [Fact]
    public async Task An_ingress_lists_its_class_hosts_address_and_ports()
    {
        var manifest = WriteFile("ingress.yaml", """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web}
            spec:
              ingressClassName: nginx
              tls: [{hosts: [shop.example.com]}]
              rules:
              - host: shop.example.com
                http:
                  paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]
              - host: api.example.com
                http:
                  paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]
            """);
        await Kubectl.Run("apply", "-f", manifest);

        var table = await Kubectl.Run("get", "ingress", "web");

        var lines = table.Out.Trim().Split('\n');
        Assert.Matches(@"^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE$", lines[0]);
        Assert.Matches(@"^web\s+nginx\s+shop\.example\.com,api\.example\.com\s+80, 443\s+\d+s$", lines[1]);
    }

    [Fact]
    public async Task A_fresh_cluster_has_the_kubernetes_service_in_default()
    {
        var table = await Kubectl.Run("get", "services");

        var lines = table.Out.Trim().Split('\n');
        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$", lines[0]);
        Assert.Matches(@"^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443/TCP\s+\d+s$", Assert.Single(lines[1..]));
    }
}
