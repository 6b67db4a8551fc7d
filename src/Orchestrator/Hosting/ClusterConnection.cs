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
    private readonly SimulatedAgents? _agents;

    private ClusterConnection(KubernetesAdapter adapter, SimulatedCluster.SimulatedCluster? simulated, SimulatedAgents? agents)
    {
        Adapter = adapter;
        _simulated = simulated;
        _agents = agents;
    }

    public KubernetesAdapter Adapter { get; }

    /// <summary>The in-process simulated cluster, when there is one.</summary>
    public SimulatedCluster.SimulatedCluster? Simulated => _simulated;

    public static ClusterConnection FromKubeconfig(string path, ILogger logger) =>
        new(KubernetesAdapterFactory.FromKubeconfig(path, logger), null, null);

    /// <summary>A simulated cluster with the spec's nodes, and node agents over simulated hosts under
    /// <paramref name="hostsFolder"/> that read the services' sources under <paramref name="artifactsRoot"/>.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static async Task<ClusterConnection> SimulateAsync(OpenStackDeployment deployment, string hostsFolder, string artifactsRoot,
        ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
        {
            Nodes = deployment.Spec.Nodes.Select(n => new SimulatedNodeSpec(n.Name)).ToList(),
        }, cancellationToken);
        var agents = new SimulatedAgents(cluster, hostsFolder, artifactsRoot, logger, TimeProvider.System);
        return new ClusterConnection(KubernetesAdapterFactory.FromConfiguration(cluster.ClientConfiguration(), logger), cluster, agents);
    }

    public async ValueTask DisposeAsync()
    {
        Adapter.Dispose();
        if (_agents is not null && OperatingSystem.IsLinux())
            await _agents.DisposeAsync();
        if (_simulated is not null)
            await _simulated.DisposeAsync();
    }
}
