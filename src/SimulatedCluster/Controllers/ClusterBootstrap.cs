using System.Text.Json.Nodes;
using Orchestrator.SimulatedCluster.Resources;
using Orchestrator.SimulatedCluster.Storage;

namespace Orchestrator.SimulatedCluster.Controllers;

/// <summary>
/// What a fresh cluster holds before anyone writes: the system namespaces, the `kubernetes` Service in default
/// (the first service IP, which the allocator never hands out), the bootstrap RBAC policy and the nodes, Ready.
/// </summary>
public static class ClusterBootstrap
{
    public static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static void Seed(ObjectStore store, IReadOnlyList<SimulatedNodeSpec> nodes, DateTimeOffset now)
    {
        foreach (var ns in SystemNamespaces)
            store.Create(BuiltInResources.Namespaces, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
        store.Create(BuiltInResources.Services, KubernetesService());
        Security.BootstrapPolicy.Seed(store);
        for (var i = 0; i < nodes.Count; i++)
            store.Create(BuiltInResources.Nodes, Node(nodes[i], i, now));
    }

    private static JsonObject KubernetesService() => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = "kubernetes",
            ["namespace"] = "default",
            ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
        },
        ["spec"] = new JsonObject
        {
            ["type"] = "ClusterIP",
            ["clusterIP"] = "10.96.0.1",
            ["clusterIPs"] = new JsonArray("10.96.0.1"),
            ["ipFamilies"] = new JsonArray("IPv4"),
            ["ipFamilyPolicy"] = "SingleStack",
            ["internalTrafficPolicy"] = "Cluster",
            ["sessionAffinity"] = "None",
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
        },
        ["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() },
    };

    public static JsonObject Node(SimulatedNodeSpec spec, int index, DateTimeOffset now)
    {
        var labels = new JsonObject
        {
            ["kubernetes.io/hostname"] = spec.Name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = "amd64",
        };
        foreach (var (key, value) in spec.Labels ?? new Dictionary<string, string>())
            labels[key] = value;
        var resources = new JsonObject { ["cpu"] = "8", ["memory"] = "32Gi", ["pods"] = "110", ["ephemeral-storage"] = "100Gi" };
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = spec.Name, ["labels"] = labels },
            ["spec"] = new JsonObject { ["podCIDR"] = $"10.244.{index}.0/24", ["podCIDRs"] = new JsonArray($"10.244.{index}.0/24") },
            ["status"] = new JsonObject
            {
                ["capacity"] = resources.DeepClone(),
                ["allocatable"] = resources,
                ["conditions"] = NodeConditions.All(ready: true, now),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = $"10.0.{index / 250}.{index % 250 + 10}" },
                    new JsonObject { ["type"] = "Hostname", ["address"] = spec.Name }),
                ["nodeInfo"] = new JsonObject
                {
                    ["kubeletVersion"] = "v1.32.0",
                    ["kubeProxyVersion"] = "v1.32.0",
                    ["osImage"] = "Ubuntu 24.04 LTS (simulated)",
                    ["kernelVersion"] = "6.8.0-simulated",
                    ["containerRuntimeVersion"] = "containerd://1.7.24",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                },
            },
        };
    }
}
