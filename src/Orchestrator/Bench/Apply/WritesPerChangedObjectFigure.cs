using Orchestrator.Bench.Processes;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// API writes per object that had to change: of a first converge on an empty server (every rendered object is new),
/// and of a one-file configuration change applied afterwards (the objects whose rendered form differs). Goal 1.0.
/// The server's own counters say which resources the writes went to.
/// </summary>
public sealed class WritesPerChangedObjectFigure : IBenchFigure
{
    public string Name => "writes_per_changed_object";

    public string What => "API writes of a converge and of a one-file config change vs the objects that had to change";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var folder = run.FolderFor(Name);
        var spec = Path.Combine(folder, "cloud.yaml");
        var changed = Path.Combine(folder, "cloud-changed.yaml");
        var objects = GeneratedCloud.Write(spec, run.Size(500));
        GeneratedCloud.Write(changed, run.Size(500), changed: ["pinned-0"]);
        var mustCreate = ChangedObjects.OnEmptyServer(spec);
        var mustChange = ChangedObjects.Between(spec, changed);
        var deployment = GeneratedSpec.Load(spec, "the generated spec");
        // Write counts do not depend on the machine's speed: one converge and one change per repetition suffice.
        var repetitions = run.Quick ? 1 : 2;
        var converge = new Samples();
        var change = new Samples();
        var notes = new List<string>();
        for (var i = 0; i < repetitions; i++)
        {
            run.Report(Name, $"repetition {i + 1} of {repetitions}: converging {objects} objects on a fresh server, then a one-file config change");
            var turn = Path.Combine(folder, $"turn-{i}");
            Directory.CreateDirectory(turn);
            var server = await InProcessCluster.StartAsync(deployment, TimeSpan.Zero, turn, null, cancellationToken);
            var cloud = new ConvergedCloud(server, changed, Path.Combine(turn, "journal.db"), GeneratedSpec.Load(changed, "the changed spec"), objects, "");
            try
            {
                var before = server.Cluster.Counters.Snapshot();
                var first = await ApplyProcess.RunAsync(spec, server.Kubeconfig, cloud.Journal, cancellationToken);
                var between = server.Cluster.Counters.Snapshot();
                var second = await ApplyProcess.RunAsync(changed, server.Kubeconfig, cloud.Journal, cancellationToken);
                var after = server.Cluster.Counters.Snapshot();
                converge.Add(first.ApiWrites);
                change.Add(second.ApiWrites);
                notes.Add($"repetition {i + 1}: converge {first.ApiWrites} writes in {first.Total:0.0}s ({WritesBetween(before, between)}); "
                    + $"config change {second.ApiWrites} writes in {second.Total:0.0}s ({WritesBetween(between, after)})");
                // The last cloud, converged and changed, is what noop_resync_writes applies again.
                if (i == repetitions - 1)
                {
                    await run.Converged.LeaveAsync(cloud with
                    {
                        History = $"{Name} converged it ({first.ApiWrites} writes in {first.Total:0.0}s), then changed one file ({second.ApiWrites} writes in {second.Total:0.0}s)",
                    });
                    cloud = null;
                }
            }
            finally
            {
                if (cloud is not null)
                    await cloud.DisposeAsync();
            }
        }
        var measurements = new List<Measurement>
        {
            new($"converge of {objects} new objects", converge.Median, mustCreate.Rendered + mustCreate.Document, "writes",
                $"objects that had to be created: {mustCreate.Rendered} rendered, the 2 CustomResourceDefinitions and the OpenStackDeployment",
                [GoalCondition.RatioAtMost(1.0)], repetitions),
            new("one-file config change", change.Median, mustChange.Rendered + mustChange.Document, "writes",
                $"objects that had to change: {mustChange.Rendered} rendered, and the OpenStackDeployment's spec", [GoalCondition.RatioAtMost(1.0)], repetitions),
        };
        notes.Insert(0, $"the one-file change (a line added to pinned-0's pinned.conf) changes {mustChange.Rendered} rendered objects (its ConfigMap and the "
            + "workload whose pod template carries the config hash) and the OpenStackDeployment that carries the spec; writes are the apply's own "
            + "`apiWrites`, and in brackets the server's count by resource");
        notes.Insert(1, "writes beyond the objects that had to change: the deployment's status (Progressing, then Ready: each written when it was "
            + "verified) and its Events (a rollout started and finished), which report on the objects and are not among them; on a converge also "
            + "the finalizer added to the OpenStackDeployment once its coordinator runs, and the namespace written twice (apply makes it bare to "
            + "hold the OpenStackDeployment; the rendered one carries the deployment's labels and hash)");
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (a fresh one per repetition, readiness delay 0ms, no agents)",
            "sqlite (one file per repetition, kept between the two applies)", measurements, notes);
    }

    private static string WritesBetween(IReadOnlyDictionary<(string Verb, string Resource), long> before, IReadOnlyDictionary<(string Verb, string Resource), long> after) =>
        string.Join(", ", after
            .Select(p => (p.Key.Verb, p.Key.Resource, Count: p.Value - before.GetValueOrDefault(p.Key)))
            .Where(d => d.Count > 0 && d.Verb is "create" or "update" or "patch" or "delete" or "deletecollection")
            .OrderByDescending(d => d.Count).ThenBy(d => d.Resource, StringComparer.Ordinal)
            .Select(d => $"{d.Count} {d.Verb} {d.Resource}")) is { Length: > 0 } text ? text : "none";
}
