using System.Diagnostics;
using Akka.Actor;
using Orchestrator.Actors.Deployments;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;
using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>
/// A simulated cluster in-process, the real adapter over HTTP to it, and the orchestrator's whole actor system
/// (cluster, shards, singleton) on a SQLite journal file of its own; the system can be stopped and started
/// again on the same journal, as a restarted process would be.
/// </summary>
public sealed class ConvergenceHarness : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-scenario-").FullName;
    private OrchestratorSystem? _system;
    private SimulatedAgents? _agents;

    private ConvergenceHarness(SimulatedCluster.SimulatedCluster cluster, KubernetesAdapter adapter)
    {
        Cluster = cluster;
        Adapter = adapter;
        Journal = JournalLocation.Parse("sqlite:" + Path.Combine(_directory, "journal.db")).Location!;
    }

    public SimulatedCluster.SimulatedCluster Cluster { get; }

    public KubernetesAdapter Adapter { get; }

    public JournalLocation Journal { get; }

    /// <summary>A folder of this harness for test files (sources of host services, simulated hosts).</summary>
    public string Folder => _directory;

    /// <summary>Node agents in this process over simulated hosts, started where the agent pods run.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void StartAgents() => _agents = new SimulatedAgents(Cluster, Path.Combine(_directory, "hosts"), "/", Serilog.Core.Logger.None, TimeProvider.System);

    public static async Task<ConvergenceHarness> StartAsync(OpenStackDeployment deployment)
    {
        var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
        {
            Nodes = deployment.Spec.Nodes.Select(n => new SimulatedNodeSpec(n.Name)).ToList(),
        });
        var adapter = KubernetesAdapterFactory.FromConfiguration(cluster.ClientConfiguration(), Serilog.Core.Logger.None,
            new KubernetesAdapterOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromMilliseconds(500) });
        return new ConvergenceHarness(cluster, adapter);
    }

    public async Task StartSystemAsync()
    {
        var hocon = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName));
        _system = await OrchestratorSystem.StartAsync(new OrchestratorOptions(new RefusalTranslatingKubernetes(Adapter), Journal, hocon, 0,
            new CoordinatorTimings(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)), TimeProvider.System), CancellationToken.None);
    }

    public async Task StopSystemAsync()
    {
        if (_system is not null)
            await _system.DisposeAsync();
        _system = null;
    }

    /// <summary>Applies and waits (bounded) until the deployment is Ready or Failed; returns the last status seen.</summary>
    public async Task<DeploymentStatusResult> ApplyAsync(OpenStackDeployment deployment)
    {
        _system!.Coordinator.Tell(new ApplyDeployment(deployment, TimeProvider.System.GetUtcNow()));
        return await UntilAsync(s => s.Deployment is not null && s.Status is DeploymentStatus.Ready or DeploymentStatus.Failed);
    }

    /// <summary>Polls the coordinator until the condition holds; the last status when the bound passes.</summary>
    public async Task<DeploymentStatusResult> UntilAsync(Func<DeploymentStatusResult, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            DeploymentStatusResult status;
            try
            {
                status = await _system!.StatusAsync(TimeSpan.FromSeconds(10));
            }
            catch (AskTimeoutException) when (clock.Elapsed < Bound)
            {
                continue; // a loaded machine answered late: ask again within the bound
            }
            if (condition(status) || clock.Elapsed > Bound)
                return status;
            await Task.Delay(50);
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync()
    {
        var hocon = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName));
        await using var reader = await JournalReader.OpenAsync(Journal, hocon, CancellationToken.None);
        return await reader.ReadAllAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopSystemAsync();
        if (_agents is not null && OperatingSystem.IsLinux())
            await _agents.DisposeAsync();
        Adapter.Dispose();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on a slow machine; the temp folder is cleaned by the OS.
        }
    }
}
