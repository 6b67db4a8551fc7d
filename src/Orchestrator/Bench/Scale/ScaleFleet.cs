using System.Diagnostics;
using System.Runtime.CompilerServices;
using k8s;
using Orchestrator.Actors.Kubernetes;
using Orchestrator.Adapters.Kubernetes;
using Orchestrator.Bench.Apply;
using Orchestrator.Bench.Processes;
using Orchestrator.Hosting;

namespace Orchestrator.Bench.Scale;

/// <summary>One size of the fleet, measured: `orchestrator run`'s memory idle and converged, its converge, and (at the largest size) a full resync.</summary>
public sealed record ScalePoint(
    int Nodes,
    int Services,
    int Entities,
    long IdleBytes,
    long ConvergedBytes,
    long PeakBytes,
    double ConvergeSeconds,
    long ServerBytes,
    ApplyStages? Resync,
    double? ListPodsSeconds,
    long IdleAnonymousBytes = 0,
    long ConvergedAnonymousBytes = 0,
    string? ResyncUnfinished = null);

/// <summary>
/// The scale figures' one expensive run, shared by the three of them (whichever runs first measures it): for each size,
/// a fresh in-process simulated cluster of that many nodes (readiness delay 0, no agents), `orchestrator run` started
/// on it and its resident memory read once it watches (the same process before any supervisor starts), the
/// OpenStackDeployment written, the seconds until its status says Ready and the memory then. At every size but the
/// smallest the operator is then stopped and `orchestrator apply` of the unchanged spec is a full resync: every entity
/// recovers and compares what it wants with what the server holds. A size beyond the first two that does not finish
/// (<see cref="ConvergeBound"/>) is left out of the points and its reason kept (<see cref="Unfinished"/>), so that the
/// figures still give the sizes that ran.
/// </summary>
public static class ScaleFleet
{
    private static readonly ConditionalWeakTable<BenchRun, Task<IReadOnlyList<ScalePoint>>> Runs = new();
    private static readonly ConditionalWeakTable<BenchRun, string> Unfinishedness = new();

    /// <summary>The longest a size may take to converge (or its resync to finish): what "runs on this machine" means here.</summary>
    private static readonly TimeSpan ConvergeBound = TimeSpan.FromMinutes(15);

    /// <summary>The sizes measured: the 100, 1,000 and 10,000 nodes (a small two for --quick), or those of --scale-sizes.</summary>
    public static IReadOnlyList<int> Sizes(BenchRun run) => run.ScaleSizes ?? (run.Quick ? [10, 30] : [100, 1000, 10000]);

    public static Task<IReadOnlyList<ScalePoint>> MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        lock (Runs)
        {
            if (!Runs.TryGetValue(run, out var measured))
            {
                measured = MeasureAllAsync(run, cancellationToken);
                Runs.Add(run, measured);
            }
            return measured;
        }
    }

    /// <summary>Why a size was left out of the points (null when every size ran); read after <see cref="MeasureAsync(BenchRun, CancellationToken)"/>.</summary>
    public static string? Unfinished(BenchRun run)
    {
        lock (Unfinishedness)
            return Unfinishedness.TryGetValue(run, out var reason) ? reason : null;
    }

    private static async Task<IReadOnlyList<ScalePoint>> MeasureAllAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var sizes = Sizes(run);
        var points = new List<ScalePoint>();
        for (var i = 0; i < sizes.Count; i++)
        {
            try
            {
                points.Add(await MeasureAsync(run, new ScaleCloud(sizes[i]), withResync: i > 0, cancellationToken));
            }
            catch (Exception e) when (i >= 2 && e is TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                // The sizes that ran still make the figures; the one that did not is said, with the cause its output shows.
                run.Report("scale", $"{sizes[i]} nodes did not finish: {e.Message}");
                lock (Unfinishedness)
                    Unfinishedness.AddOrUpdate(run, $"{sizes[i]:N0} nodes did not finish on this machine: {e.Message}");
                break;
            }
        }
        return points;
    }

    private static async Task<ScalePoint> MeasureAsync(BenchRun run, ScaleCloud fleet, bool withResync, CancellationToken cancellationToken)
    {
        const string figure = "scale";
        var folder = Path.Combine(run.WorkDirectory, $"scale-{fleet.Nodes}");
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var spec = Path.Combine(folder, "fleet.yaml");
        var deployment = fleet.Write(spec);
        var journal = Path.Combine(folder, "journal.db");
        run.Report(figure, $"{fleet.Nodes} nodes, {fleet.Services} services: starting the simulated cluster and `orchestrator run`");
        await using var server = await InProcessCluster.StartAsync(deployment, TimeSpan.Zero, folder, null, cancellationToken);
        using var adapter = KubernetesAdapterFactory.FromConfiguration(server.Cluster.ClientConfiguration(), Serilog.Log.Logger);
        await adapter.ApplyAsync(OpenStackDeploymentDefinition.Create(), cancellationToken);

        var watching = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnArrived(Orchestrator.SimulatedCluster.Api.RequestArrival request)
        {
            if (request.Resource == "openstackdeployments" && request.Verb == "watch")
                watching.TrySetResult();
        }
        server.Cluster.Counters.Arrived += OnArrived;
        ScalePoint point;
        await using (var operatorProcess = OrchestratorExecutable.Start("run", "--kubeconfig", server.Kubeconfig, "--journal", "sqlite:" + journal,
            "--http", "off", "--namespace", ScaleCloud.Namespace))
        {
            if (await Task.WhenAny(watching.Task, Task.Delay(TimeSpan.FromMinutes(3), cancellationToken)) != watching.Task)
                throw new TimeoutException($"`orchestrator run` opened no watch of OpenStackDeployments within 3 minutes: {Tail(operatorProcess.Output)}");
            server.Cluster.Counters.Arrived -= OnArrived;
            // The watch is its last step of starting; what it allocates lazily in the next moments belongs to the idle process too.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var (samples, interval) = run.Quick ? (3, TimeSpan.FromMilliseconds(500)) : (9, TimeSpan.FromSeconds(1));
            var idle = await ResidentMemory.MedianOfAsync(operatorProcess.Id, samples, interval, cancellationToken)
                ?? throw new InvalidOperationException("the resident memory of `orchestrator run` is unreadable (Linux /proc)");

            var clock = Stopwatch.StartNew();
            var generation = await DeploymentObject.WriteAsync(adapter, deployment, cancellationToken);
            run.Report(figure, $"{fleet.Nodes} nodes: OpenStackDeployment written, waiting for Ready");
            while (!server.DeploymentReady(ScaleCloud.Namespace, deployment.Metadata.Name, generation))
            {
                if (clock.Elapsed > ConvergeBound)
                    throw new TimeoutException($"{fleet.Nodes} nodes did not converge within {ConvergeBound.TotalMinutes:0} minutes "
                        + $"({JournalFailures(operatorProcess.Output)}): {Tail(operatorProcess.Output)}");
                await Task.Delay(100, cancellationToken);
            }
            var converge = clock.Elapsed.TotalSeconds;
            var converged = await ResidentMemory.MedianOfAsync(operatorProcess.Id, samples, interval, cancellationToken)
                ?? throw new InvalidOperationException("`orchestrator run` exited after converging");
            run.Report(figure, $"{fleet.Nodes} nodes: Ready after {converge:0.0}s; run's memory {idle.Current / 1048576.0:0} -> {converged.Current / 1048576.0:0} MiB");
            point = new ScalePoint(fleet.Nodes, fleet.Services, fleet.Entities, idle.Current, converged.Current, converged.Peak, converge,
                ResidentMemory.Of(Environment.ProcessId)?.Current ?? 0, null, null, idle.Anonymous, converged.Anonymous);
        }
        if (!withResync)
            return point;

        run.Report(figure, $"{fleet.Nodes} nodes: a full resync (`orchestrator apply` of the unchanged spec on the same journal)");
        ApplyStages resync;
        try
        {
            resync = await ApplyProcess.RunAsync(spec, server.Kubeconfig, journal, cancellationToken, ConvergeBound);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The converge measured stands; the resync figure says why this size has no resync.
            run.Report(figure, $"{fleet.Nodes} nodes: the resync did not finish: {e.Message}");
            return point with { ResyncUnfinished = e.Message };
        }
        var list = new Samples();
        using var client = server.Cluster.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var listClock = Stopwatch.StartNew();
            await client.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: cancellationToken);
            list.Add(listClock.Elapsed.TotalSeconds);
        }
        return point with { Resync = resync, ListPodsSeconds = list.Median };
    }

    private static string Tail(string output) => output.Length > 600 ? "..." + output[^600..] : output;

    /// <summary>What `run` logged of its journal failing it: persists and replays that timed out or met the open circuit breaker.</summary>
    private static string JournalFailures(string output)
    {
        var lines = output.Split('\n');
        var persists = lines.Count(l => l.Contains("Failed to persist event", StringComparison.Ordinal));
        var replays = lines.Count(l => l.Contains("Persistence failure when replaying", StringComparison.Ordinal));
        var open = lines.Count(l => l.Contains("Circuit Breaker is open", StringComparison.Ordinal));
        return $"the journal failed {persists} persist(s) and {replays} recovery replay(s), {open} of them with its circuit breaker open";
    }
}
