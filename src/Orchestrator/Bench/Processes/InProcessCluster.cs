using System.Text.Json.Nodes;
using Orchestrator.Hosting;
using Orchestrator.Messages.Spec;
using Orchestrator.SimulatedCluster;
using Orchestrator.SimulatedCluster.Resources;

namespace Orchestrator.Bench.Processes;

/// <summary>
/// A simulated cluster served from the bench's own process (the orchestrator under measurement still runs as a process
/// of its own, through a kubeconfig), so that the bench can read what the server saw without asking it over HTTP: each
/// request as it arrives, each stored change, the write counters. With agents, the node agents run here too, over
/// simulated hosts, as `orchestrator simulate` runs them.
/// </summary>
public sealed class InProcessCluster : IAsyncDisposable
{
    private readonly SimulatedAgents? _agents;

    private InProcessCluster(SimulatedCluster.SimulatedCluster cluster, SimulatedAgents? agents, string kubeconfig)
    {
        Cluster = cluster;
        _agents = agents;
        Kubeconfig = kubeconfig;
    }

    public SimulatedCluster.SimulatedCluster Cluster { get; }

    public string Kubeconfig { get; }

    /// <param name="agentsArtifacts">Where the in-process agents read host services' sources; null: no agents.</param>
    public static async Task<InProcessCluster> StartAsync(OpenStackDeployment spec, TimeSpan readyDelay, string folder, string? agentsArtifacts,
        CancellationToken cancellationToken)
    {
        var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
        {
            Nodes = spec.Spec.Nodes.Select(n => new SimulatedNodeSpec(n.Name)).ToList(),
            ReadyDelay = readyDelay,
        }, cancellationToken);
        SimulatedAgents? agents = null;
        if (agentsArtifacts is not null && OperatingSystem.IsLinux())
            agents = new SimulatedAgents(cluster, Path.Combine(folder, "hosts"), agentsArtifacts, Serilog.Log.Logger, TimeProvider.System);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(folder, "kubeconfig"));
        return new InProcessCluster(cluster, agents, kubeconfig);
    }

    /// <summary>Writes the server accepted so far (create, update, patch, delete), every client's.</summary>
    public long Writes => Cluster.Counters.Writes();

    /// <summary>Whether the OpenStackDeployment's status says Ready for <paramref name="generation"/> (or any, when null).</summary>
    public bool DeploymentReady(string @namespace, string name, long? generation = null)
    {
        if (DeploymentStatus(@namespace, name) is not { } status)
            return false;
        if (generation is { } wanted && NumberOf(status["observedGeneration"]) < wanted)
            return false;
        return status["conditions"] is JsonArray conditions
            && conditions.Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True");
    }

    /// <summary>The generation the OpenStackDeployment's status says its coordinator took up (0 before any).</summary>
    public long ObservedGeneration(string @namespace, string name) =>
        DeploymentStatus(@namespace, name) is { } status ? NumberOf(status["observedGeneration"]) : 0;

    /// <summary>The stored OpenStackDeployment's status, read from the server's store (null before its CRD or its first status).</summary>
    private JsonObject? DeploymentStatus(string @namespace, string name)
    {
        var type = Cluster.Registry.All().FirstOrDefault(t => t.Plural == "openstackdeployments");
        return type is null ? null : Cluster.Store.Get(type, @namespace, name)?["status"] as JsonObject;
    }

    /// <summary>A number in a stored object, however the store keeps it (int, long or its JSON text); 0 when absent.</summary>
    public static long NumberOf(JsonNode? node) => node is not null && long.TryParse(node.ToJsonString(), out var value) ? value : 0;

    public async ValueTask DisposeAsync()
    {
        if (_agents is not null && OperatingSystem.IsLinux())
            await _agents.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
