using k8s;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>The written kubeconfig is what `apply --kubeconfig` loads: the real KubernetesClient must accept it.</summary>
public sealed class KubeconfigSpecs : ClusterSpecs
{
    [Fact]
    public async Task The_kubernetes_client_loads_the_written_kubeconfig_and_lists_nodes()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        using var client = new Kubernetes(configuration);

        var nodes = await client.CoreV1.ListNodeAsync();

        Assert.Equal(["node-1", "node-2", "node-3"], nodes.Items.Select(n => n.Metadata.Name));
    }
}
