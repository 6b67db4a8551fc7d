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

    [Fact]
    public async Task A_custom_resource_lists_the_printer_columns_of_its_definition()
    {
        var definition = WriteFile("crd.yaml", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gadgets.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {kind: Gadget, plural: gadgets, singular: gadget}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                additionalPrinterColumns:
                - {name: Parts, type: string, jsonPath: ".spec.parts[*].name"}
                - {name: Working, type: string, jsonPath: ".spec.parts[?(@.working==true)].name"}
                - {name: Ready, type: string, jsonPath: ".status.conditions[?(@.type==\"Ready\")].status"}
                - {name: Size, type: integer, jsonPath: ".spec.size", priority: 1}
                - {name: Age, type: date, jsonPath: ".metadata.creationTimestamp"}
            """);
        var gadget = WriteFile("gadget.yaml", """
            apiVersion: example.com/v1
            kind: Gadget
            metadata: {name: g1}
            spec:
              size: 3
              parts: [{name: cog, working: true}, {name: spring, working: false}, {name: lever, working: true}]
            status:
              conditions: [{type: Progressing, status: "False"}, {type: Ready, status: "True"}]
            """);
        await Kubectl.Run("apply", "-f", definition);
        await Kubectl.Run("apply", "-f", gadget);

        var table = await Kubectl.Run("get", "gadgets");
        var wide = await Kubectl.Run("get", "gadgets", "-o", "wide");

        var lines = table.Out.Trim().Split('\n');
        Assert.Matches(@"^NAME\s+PARTS\s+WORKING\s+READY\s+AGE$", lines[0]);
        // The definition has no status subresource, so the manifest's status is stored with the object.
        Assert.Matches(@"^g1\s+cog,spring,lever\s+cog,lever\s+True\s+\d+s$", lines[1]);
        Assert.Matches(@"^NAME\s+PARTS\s+WORKING\s+READY\s+SIZE\s+AGE$", wide.Out.Trim().Split('\n')[0]);
    }
}
