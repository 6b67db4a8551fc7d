using Orchestrator.Bench.Processes;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// API writes per object that had to change: of a first converge on an empty server (every rendered object is new),
/// and of a one-file configuration change applied afterwards (the objects whose rendered form differs). Goal 1.0.
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
        var mustChange = ChangedObjects.Between(spec, changed);
        // Write counts do not depend on the machine's speed: one converge and one change per repetition suffice.
        var repetitions = run.Quick ? 1 : 2;
        var converge = new Samples();
        var change = new Samples();
        var notes = new List<string>();
        for (var i = 0; i < repetitions; i++)
        {
            run.Report(Name, $"repetition {i + 1} of {repetitions}: converging {objects} objects on a fresh server, then a one-file config change");
            await using var cluster = await SimulatedClusterProcess.StartAsync(spec, "0ms", Path.Combine(folder, $"kubeconfig-{i}"), cancellationToken);
            var journal = Path.Combine(folder, $"journal-{i}.db");
            var first = await ApplyProcess.RunAsync(spec, cluster.Kubeconfig, journal, cancellationToken);
            var second = await ApplyProcess.RunAsync(changed, cluster.Kubeconfig, journal, cancellationToken);
            converge.Add(first.ApiWrites);
            change.Add(second.ApiWrites);
            notes.Add($"repetition {i + 1}: converge {first.ApiWrites} writes in {first.Total:0.0}s, config change {second.ApiWrites} writes in {second.Total:0.0}s");
        }
        var measurements = new List<Measurement>
        {
            new($"converge of {objects} new objects", converge.Median, objects, "writes", "rendered objects (all new)",
                [GoalCondition.RatioAtMost(1.0)], repetitions),
            new("one-file config change", change.Median, mustChange, "writes", "objects whose rendered form changed",
                [GoalCondition.RatioAtMost(1.0)], repetitions),
        };
        notes.Insert(0, $"the one-file change (a line added to pinned-0's pinned.conf) changes {mustChange} rendered objects (its ConfigMap and the "
            + "workload whose pod template carries the config hash); writes are the apply's own `apiWrites` (the CustomResourceDefinition of HostUnits it "
            + "installs is a write no render holds)");
        return new FigureResult(Name, "orchestrator simulate (a separate process per repetition, readiness delay 0ms, no agents)",
            "sqlite (one file per repetition, kept between the two applies)", measurements, notes);
    }
}
