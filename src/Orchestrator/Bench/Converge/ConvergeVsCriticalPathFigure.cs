using System.Globalization;
using Orchestrator.Bench.Apply;
using Orchestrator.Bench.Processes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Converge;

/// <summary>
/// Time to Ready of the example cloud and of a generated layered one, with a kubelet readiness delay of 2 s, against the
/// critical path: the longest `dependsOn` chain times one pod's time to Ready, measured on the same server just before.
/// The orchestrator's own time per dependency level is what is left over, divided by the levels.
/// </summary>
public sealed class ConvergeVsCriticalPathFigure : IBenchFigure
{
    private static readonly TimeSpan ReadyDelay = TimeSpan.FromSeconds(2);

    public string Name => "converge_vs_critical_path";

    public string What => "time to Ready (kubelet delay 2 s) of the example and a generated layered cloud vs longest dependsOn chain x one pod's time to Ready";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var folder = run.FolderFor(Name);
        var measurements = new List<Measurement>();
        var notes = new List<string>();
        var cases = new List<(string Label, string Spec, string Artifacts, OpenStackDeployment Deployment)>();
        // The example cloud (five levels of 2 s pods, ten nodes with their agents) alone takes longer than the whole quick
        // run may; --quick measures the small generated cloud, which goes through the same path.
        if (run.Quick)
            notes.Add("--quick measures the generated cloud only; a full run measures the example cloud too");
        else if (ExampleSpec.Find() is { } example)
        {
            var loaded = SpecLoader.Load(example);
            if (loaded.Deployment is { } deployment)
                cases.Add(("example cloud", example, Path.GetDirectoryName(example)!, deployment));
        }
        else
            notes.Add("the example cloud was not measured: no deploy/examples/openstack.yaml above the current folder or the executable");
        var layered = run.Quick ? new LayeredCloud(3, 2, 4, 2, true) : new LayeredCloud(6, 7, 40, 10, true);
        var generated = Path.Combine(folder, "layered.yaml");
        cases.Add(("generated cloud", generated, folder, layered.Write(generated, folder)));
        notes.Add($"generated cloud: {layered}; pinned services are StatefulSets of 2, API services Deployments of 2");

        var repetitions = run.Quick ? 1 : run.SlowRepetitions;
        foreach (var (label, spec, artifacts, deployment) in cases)
        {
            var levels = DependencyLevels.Of(deployment);
            var depth = levels.Values.Max();
            var converge = new Samples();
            var pod = new Samples();
            var whole = new Samples();
            var spans = new Dictionary<int, Samples>();
            var served = new Samples();
            var dependsOn = DependencyLevels.DependsOn(deployment);
            for (var i = 0; i < repetitions; i++)
            {
                run.Report(Name, $"{label}: repetition {i + 1} of {repetitions} (depth {depth}, {deployment.Spec.Services.Count} services, {deployment.Spec.Nodes.Count} nodes)");
                var turn = Path.Combine(folder, $"{(label.StartsWith("example", StringComparison.Ordinal) ? "example" : "generated")}-{i}");
                Directory.CreateDirectory(turn);
                await using var server = await InProcessCluster.StartAsync(deployment, ReadyDelay, turn, artifacts, cancellationToken);
                for (var p = 0; p < (run.Quick ? 1 : 2); p++)
                    pod.Add(await PodReadyProbe.SecondsAsync(server, p, cancellationToken));
                using var workloads = new WorkloadTimes(server.Cluster, deployment.Metadata.Namespace);
                var applied = await ApplyProcess.RunAsync(spec, server.Kubeconfig, Path.Combine(turn, "journal.db"), cancellationToken);
                converge.Add(applied.Converge);
                served.Add(WorkloadTimes.CriticalPath(dependsOn, workloads.Seconds(), pod.Median));
                whole.Add(applied.Total);
                foreach (var (level, span) in LevelSpans(applied, levels))
                {
                    if (!spans.TryGetValue(level, out var samples))
                        spans[level] = samples = new Samples();
                    samples.Add(span);
                }
                run.Report(Name, $"{label}: converged in {applied.Converge:0.0}s (critical path {depth} x {pod.Median:0.00}s = {depth * pod.Median:0.0}s)");
            }
            var critical = depth * pod.Median;
            measurements.Add(new Measurement($"{label}: time to Ready", converge.Median, critical, "s",
                $"longest dependsOn chain ({depth}) x one pod's time to Ready ({pod.Median:0.00}s)", [GoalCondition.RatioAtMost(1.05)], repetitions));
            measurements.Add(new Measurement($"{label}: own time per level", (converge.Median - critical) / depth, pod.Median, "s",
                "one pod's time to Ready", [GoalCondition.ValueAtMost(0.05)], repetitions));
            // The nominal critical path counts one pod per level, but a level is done when its slowest pod is: with the kubelet's
            // delays jittered (0.5x-1.5x, twice), the slowest of a level's four to six pods takes about a second longer than
            // the median pod. Against the path through this run's own workloads, what remains is the orchestrator's alone.
            measurements.Add(new Measurement($"{label}: own time per level, against this run's own workloads", (converge.Median - served.Median) / depth,
                served.Median / depth, "s", "the server's time per level on the longest dependsOn chain, each service weighing its workload's "
                + "time from written to every replica ready in this very run", [GoalCondition.ValueAtMost(0.05)], repetitions));
            notes.Add($"{label}: the longest dependsOn chain through this run's workloads (each from written to all replicas ready; "
                + $"a host service weighs one probe pod) took {served.Median:0.0}s (min {served.Min:0.0}, max {served.Max:0.0}), "
                + $"against {critical:0.0}s nominal ({depth} x one pod)");
            notes.Add($"{label}: converge {converge.Median:0.0}s (min {converge.Min:0.0}, max {converge.Max:0.0}) from the deployment's first status to Ready; "
                + $"the whole apply process {whole.Median:0.0}s; one pod to Ready {pod.Median:0.00}s (min {pod.Min:0.00}, max {pod.Max:0.00}, {pod.Count} probes)");
            notes.Add($"{label}, per dependency level (medians; span = from the level before being Ready to this level's last service Ready, "
                + "own = span - one pod's time to Ready): "
                + string.Join("; ", spans.OrderBy(s => s.Key).Select(s => string.Create(CultureInfo.InvariantCulture,
                    $"level {s.Key} ({Describe(deployment, levels, s.Key)}) span {s.Value.Median:0.00}s own {s.Value.Median - pod.Median:0.00}s"))));
        }
        notes.Add("a level's span can be below a pod's time (negative own time): its services wait only for their own dependencies, "
            + "not for the whole level before; the own time per level of the measurements is (time to Ready - critical path) / depth");
        notes.Add("ours: `orchestrator apply -f SPEC --kubeconfig K` as a process; the converge is read from its progress lines (polled every 250 ms), "
            + "so each level's span is known to about a quarter second");
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (kubelet readiness delay 2s, node agents in-process over simulated hosts)",
            "sqlite (a fresh file per apply)", measurements, notes);
    }

    /// <summary>Per level, the seconds from the level before being Ready (the deployment's first status for level 1) to its own last service Ready.</summary>
    private static IEnumerable<(int Level, double Span)> LevelSpans(ApplyStages applied, IReadOnlyDictionary<string, int> levels)
    {
        var previous = applied.ToFirstStatus;
        foreach (var level in levels.Values.Distinct().Order())
        {
            var ready = levels.Where(l => l.Value == level).Select(l => applied.First("service", l.Key, "Ready")).ToList();
            if (ready.Any(r => r is null))
                yield break;
            var last = ready.Max(r => r!.Value);
            yield return (level, last - previous);
            previous = last;
        }
    }

    private static string Describe(OpenStackDeployment deployment, IReadOnlyDictionary<string, int> levels, int level)
    {
        var services = deployment.Spec.Services.Where(s => levels[s.Name] == level).ToList();
        return string.Join(", ", services.GroupBy(s => s.Kind).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
    }
}
