using System.Collections.Concurrent;
using System.Runtime.Versioning;
using Akka.Actor;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Actors.Ports;
using Orchestrator.Adapters.Host;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.SimulatedCluster;
using Serilog;

namespace Orchestrator.Hosting;

/// <summary>
/// The node agents of a simulated cluster, run in this process: each starts when the simulated kubelet starts the
/// agent DaemonSet's pod on a node (as a container runtime would start the agent's container), over a simulated host
/// under &lt;hosts&gt;/&lt;node&gt;/, talking to the cluster through its own adapter (its status writes are not the
/// orchestrator's writes).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SimulatedAgents : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(ActorSystem System, KubernetesAdapter Adapter)>>> _agents = new(StringComparer.Ordinal);
    private readonly SimulatedCluster.SimulatedCluster _cluster;
    private readonly string _hostsFolder;
    private readonly string _artifactsRoot;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<(KubernetesAdapter Adapter, Task Report)> _refusals = [];
    private static readonly TimeSpan RefusalInterval = TimeSpan.FromSeconds(1);

    /// <param name="artifactsRoot">The folder the simulated agents read `source` paths under (see SimulatedHostSystem).</param>
    public SimulatedAgents(SimulatedCluster.SimulatedCluster cluster, string hostsFolder, string artifactsRoot, ILogger logger, TimeProvider clock)
    {
        _cluster = cluster;
        _hostsFolder = hostsFolder;
        _artifactsRoot = artifactsRoot;
        _logger = logger;
        _clock = clock;
        cluster.PodStarted += OnPodStarted;
    }

    public IReadOnlyCollection<string> Nodes => _agents.Keys.ToList();

    private void OnPodStarted(PodLifecycleEvent pod)
    {
        if (pod.Labels.GetValueOrDefault(WellKnown.ComponentLabel) != WellKnown.AgentComponent)
            return;
        var agent = _agents.GetOrAdd(pod.NodeName, node => new Lazy<Task<(ActorSystem, KubernetesAdapter)>>(() => Task.Run(() => Start(node))));
        // The cause in one line (a HostSafetyException names the link it refused), never a stack trace in apply's output.
        _ = agent.Value.ContinueWith(t => _logger.Error("the agent on {Node} did not start: {Reason}", pod.NodeName,
            Cli.UnexpectedFailure.Describe(t.Exception!)), TaskContinuationOptions.OnlyOnFaulted);
    }

    private (ActorSystem, KubernetesAdapter) Start(string node)
    {
        var host = SimulatedHostSystem.ForNode(_hostsFolder, node, _clock, _artifactsRoot);
        var adapter = KubernetesAdapterFactory.FromConfiguration(_cluster.ClientConfiguration(), _logger);
        ActorSystem system;
        try
        {
            // In-process agents log as the process does: a quiet apply shows neither their INFO lines nor Akka's.
            system = AgentActorSystem.Create("agent-" + node, host.Root,
                _logger.IsEnabled(Serilog.Events.LogEventLevel.Information) ? "INFO" : "WARNING");
        }
        catch (HostSafetyException refused)
        {
            // As the real agent does: the reason goes where the agent reports, so the service and the node show it at once.
            _refusals.Add((adapter, AgentRefusal.ReportAsync(adapter, node, refused.Message, _clock, RefusalInterval, once: false,
                failure => _logger.Warning("the refused agent on {Node} could not report: {Reason}", node, failure), _stopping.Token)));
            throw;
        }
        NodeAgent.Start(system, node, host, adapter, UnitSettings.Default, _clock);
        _logger.Information("node agent started on {Node} over {Root}", node, _hostsFolder);
        return (system, adapter);
    }

    public async ValueTask DisposeAsync()
    {
        _cluster.PodStarted -= OnPodStarted;
        await _stopping.CancelAsync();
        foreach (var (adapter, report) in _refusals)
        {
            await report;
            adapter.Dispose();
        }
        foreach (var agent in _agents.Values.Where(a => a.IsValueCreated))
        {
            try
            {
                var (system, adapter) = await agent.Value;
                // As for the orchestrator's system: Akka's shutdown lines would come after its Serilog logger stopped.
                system.EventStream.SetLogLevel(Akka.Event.LogLevel.WarningLevel);
                await system.Terminate();
                adapter.Dispose();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // An agent that never started has nothing to stop; it was logged when it failed.
            }
        }
    }
}
