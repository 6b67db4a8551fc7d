using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Messages.Spec;
using Orchestrator.SimulatedCluster;
using Serilog;

namespace Orchestrator.Hosting;

/// <summary>
/// The cluster an apply talks to: a real one through a kubeconfig, or a simulated one started in this process with
/// the spec's nodes (`--simulate`). Either way the actors reach it through the real KubernetesClient over HTTP.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly SimulatedCluster.SimulatedCluster? _simulated;

    private ClusterConnection(KubernetesAdapter adapter, SimulatedCluster.SimulatedCluster? simulated)
    {
        Adapter = adapter;
        _simulated = simulated;
    }

    public KubernetesAdapter Adapter { get; }

    /// <summary>The in-process simulated cluster, when there is one.</summary>
    public SimulatedCluster.SimulatedCluster? Simulated => _simulated;

    public static ClusterConnection FromKubeconfig(string path, ILogger logger) =>
        new(KubernetesAdapterFactory.FromKubeconfig(path, logger), null);

    public static async Task<ClusterConnection> SimulateAsync(OpenStackDeployment deployment, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
        {
            Nodes = deployment.Spec.Nodes.Select(n => new SimulatedNodeSpec(n.Name)).ToList(),
        }, cancellationToken);
        return new ClusterConnection(KubernetesAdapterFactory.FromConfiguration(cluster.ClientConfiguration(), logger), cluster);
    }

    public async ValueTask DisposeAsync()
    {
        Adapter.Dispose();
        if (_simulated is not null)
            await _simulated.DisposeAsync();
    }
}
