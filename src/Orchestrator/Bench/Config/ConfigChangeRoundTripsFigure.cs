using Orchestrator.Bench.Apply;
using Orchestrator.Bench.Processes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Config;

/// <summary>
/// API round trips from a ConfigMap's hash change to the first new pod: a converged generated cloud gets a one-file
/// change of an API service (a Deployment) and then of a pinned one (a StatefulSet), each applied by `orchestrator apply`,
/// and the server lists the requests it received in between. Two is the least: the ConfigMap, then the workload whose
/// pod template carries the new hash.
/// </summary>
public sealed class ConfigChangeRoundTripsFigure : IBenchFigure
{
    private const int Objects = 30;

    public string Name => "config_change_round_trips";

    public string What => "API round trips from a ConfigMap hash change to the first new pod created (goal 2)";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var folder = run.FolderFor(Name);
        var spec = Path.Combine(folder, "cloud.yaml");
        var objects = GeneratedCloud.Write(spec, Objects);
        var deployment = GeneratedSpec.Load(spec, "the generated spec");
        var ns = deployment.Metadata.Namespace;
        await using var server = await InProcessCluster.StartAsync(deployment, TimeSpan.FromMilliseconds(200), folder, null, cancellationToken);
        run.Report(Name, $"{objects} objects: converging once, then one-file config changes");
        await ApplyProcess.RunAsync(spec, server.Kubeconfig, Path.Combine(folder, "journal.db"), cancellationToken);

        var measurements = new List<Measurement>();
        var notes = new List<string>();
        var changed = new List<string>();
        foreach (var (service, workload) in run.Quick ? [("api-0", "Deployment")] : new[] { ("api-0", "Deployment"), ("pinned-0", "StatefulSet") })
        {
            changed.Add(service);
            var changedSpec = Path.Combine(folder, $"cloud-{service}.yaml");
            GeneratedCloud.Write(changedSpec, Objects, changed);
            using var recorder = new RoundTripRecorder(server.Cluster, ns, service);
            run.Report(Name, $"changing {service}'s configuration file ({workload})");
            await ApplyProcess.RunAsync(changedSpec, server.Kubeconfig, Path.Combine(folder, "journal.db"), cancellationToken);
            if (await Task.WhenAny(recorder.PodCreated, Task.Delay(TimeSpan.FromMinutes(1), cancellationToken)) != recorder.PodCreated)
                throw new InvalidOperationException($"no new pod of {service} was created within a minute of its apply");
            var requests = recorder.Requests;
            measurements.Add(new Measurement($"{service} ({workload})", requests.Count, 2, "requests", "the ConfigMap write and the workload write",
                [GoalCondition.ValueAtMost(2)], 1));
            var beside = new List<string>();
            if (recorder.Reports is { Count: > 0 } reports)
                beside.Add($"beside it: {string.Join(", ", reports)}");
            if (recorder.Watches > 0)
                beside.Add($"{recorder.Watches} watch(es) opened");
            notes.Add($"{service}: {string.Join(", ", requests)}{(beside.Count > 0 ? $" ({string.Join("; ", beside)})" : "")}");
        }
        notes.Add("counted on the server: every request that arrived from the first write of the service's ConfigMap until the server stored the "
            + "service's first new pod, except watches and the writes of the deployment's own status and Events (its status writer and event "
            + "recorder make them beside the change, not on its way; listed as \"beside it\"); the count does not depend on the machine's speed, "
            + "so each change is measured once");
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (kubelet readiness delay 200ms, no agents)",
            "sqlite (one file, kept between the applies)", measurements, notes);
    }
}
