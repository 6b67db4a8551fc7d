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
/// (cluster, shards, the watcher of OpenStackDeployment objects) on a SQLite journal file of its own; a deployment is
/// applied as `apply -f` does it (the object written, the operator converging it); the system can be stopped and started
/// again on the same journal, as a restarted process would be.
/// </summary>
public sealed class ConvergenceHarness : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-scenario-").FullName;
    private OrchestratorSystem? _system;
    private DeploymentKey? _deployment;
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

    /// <summary>A cluster with the deployment's nodes and <paramref name="moreNodes"/>; the kubelets are quick.</summary>
    public static Task<ConvergenceHarness> StartAsync(OpenStackDeployment deployment, params string[] moreNodes) =>
        StartAsync(deployment, null, moreNodes);

    /// <summary>A cluster with the deployment's nodes; <paramref name="readyDelay"/> slows its kubelets.</summary>
    public static async Task<ConvergenceHarness> StartAsync(OpenStackDeployment deployment, TimeSpan? readyDelay, params string[] moreNodes)
    {
        var options = new SimulatedClusterOptions
        {
            Nodes = deployment.Spec.Nodes.Select(n => n.Name).Concat(moreNodes).Select(n => new SimulatedNodeSpec(n)).ToList(),
        };
        var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(readyDelay is { } delay ? options with { ReadyDelay = delay } : options);
        var adapter = KubernetesAdapterFactory.FromConfiguration(cluster.ClientConfiguration(), Serilog.Core.Logger.None,
            new KubernetesAdapterOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(200), MaxReconnectDelay = TimeSpan.FromMilliseconds(500) });
        return new ConvergenceHarness(cluster, adapter);
    }

    /// <param name="timings">The coordinators' timings; by default quick ones (100 ms backoff, 300 ms resync).</param>
    /// <param name="moreHocon">Settings that take precedence over the shipped akka.hocon's, as an operator's own file would.</param>
    public async Task StartSystemAsync(CoordinatorTimings? timings = null, string? moreHocon = null)
    {
        var hocon = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName)) + "\n" + moreHocon;
        _system = await OrchestratorSystem.StartAsync(new OrchestratorOptions(new RefusalTranslatingKubernetes(Adapter), Journal, hocon, ClusterMembership.Alone(0),
            timings ?? new CoordinatorTimings(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)), TimeProvider.System), CancellationToken.None);
    }

    public async Task StopSystemAsync()
    {
        if (_system is not null)
            await _system.DisposeAsync();
        _system = null;
    }

    /// <summary>Writes the object and waits (bounded) until that generation is Ready or Failed; returns the last status seen.</summary>
    public async Task<DeploymentStatusResult> ApplyAsync(OpenStackDeployment deployment) =>
        await UntilSettledAsync(deployment, await WriteAsync(deployment));

    /// <summary>Writes the object as `apply -f` does and returns its generation, without waiting.</summary>
    public async Task<long> WriteAsync(OpenStackDeployment deployment)
    {
        _deployment = new DeploymentKey(deployment.Metadata.Namespace, deployment.Metadata.Name);
        return await DeploymentObject.WriteAsync(Adapter, deployment, CancellationToken.None);
    }

    /// <summary>Writes the deployment object without waiting: the caller watches the rollout with <see cref="UntilAsync(Func{DeploymentStatusResult, bool})"/>.</summary>
    public Task Send(OpenStackDeployment deployment) => WriteAsync(deployment);

    /// <summary>Waits (bounded) until that generation of the deployment is Ready or Failed, or the deployment is Degraded.</summary>
    public Task<DeploymentStatusResult> UntilSettledAsync(OpenStackDeployment deployment, long generation, bool degradedToo = false) =>
        UntilAsync(new DeploymentKey(deployment.Metadata.Namespace, deployment.Metadata.Name), s => s.Deployment is not null
            && s.ObservedGeneration >= generation
            && (s.Status is DeploymentStatus.Ready or DeploymentStatus.Failed || degradedToo && s.Status == DeploymentStatus.Degraded));

    /// <summary>Polls the coordinator of the deployment last written until the condition holds; the last status when the bound passes.</summary>
    public Task<DeploymentStatusResult> UntilAsync(Func<DeploymentStatusResult, bool> condition) => UntilAsync(_deployment!, condition);

    public async Task<DeploymentStatusResult> UntilAsync(DeploymentKey deployment, Func<DeploymentStatusResult, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            DeploymentStatusResult status;
            try
            {
                status = await _system!.StatusAsync(deployment, TimeSpan.FromSeconds(10));
            }
            catch (AskTimeoutException) when (clock.Elapsed < Bound)
            {
                // The first message allocates the deployment's shard and recovers its coordinator: slow on a busy machine.
                continue;
            }
            if (condition(status) || clock.Elapsed > Bound)
                return status;
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Writes of what the deployment is made of, counted by the server: not the operator's reports about it (the
    /// OpenStackDeployment's status subresource and its Events), whose last ones may still be on their way when Ready is seen.
    /// </summary>
    public long ObjectWrites() =>
        Cluster.Counters.Snapshot()
            .Where(p => p.Key.Verb is "create" or "update" or "patch" or "delete" && p.Key.Resource != "events"
                && !p.Key.Resource.StartsWith("openstackdeployments.openstack.orchestrator.io/", StringComparison.Ordinal))
            .Sum(p => p.Value);

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
