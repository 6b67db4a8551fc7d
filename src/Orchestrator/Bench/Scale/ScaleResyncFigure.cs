namespace Orchestrator.Bench.Scale;

/// <summary>A full resync of the largest fleet (every entity recovers and compares desired with observed) against one list of all pods.</summary>
public sealed class ScaleResyncFigure : IBenchFigure
{
    public string Name => "scale_full_resync_seconds";

    public string What => "one full resync of the largest fleet (an unchanged apply: every entity compares) vs one LIST of all pods from the same server";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var points = await ScaleFleet.MeasureAsync(run, cancellationToken);
        var largest = points[^1];
        var resync = largest.Resync!;
        var measurements = new List<Measurement>
        {
            new($"{largest.Nodes} nodes, {largest.Services} services: resync", resync.Converge, largest.ListPodsSeconds!.Value, "s",
                "one LIST of all pods (KubernetesClient, same server)", [GoalCondition.ValueAtMost(5)], 1),
            new($"{largest.Nodes} nodes, {largest.Services} services: writes of the resync", resync.ApiWrites, 0, "writes", "zero writes",
                [GoalCondition.ValueAtMost(0)], 1),
        };
        var notes = new List<string>
        {
            $"the resync is `orchestrator apply` of the unchanged spec on the converged fleet's journal and server, from the deployment's first status "
                + $"to Ready ({resync.Converge:0.00}s); the whole process took {resync.Total:0.0}s, {resync.ToFirstStatus:0.0}s of it before the first status "
                + "(runtime, actor system, journal); sizes above "
                + $"{largest.Nodes} nodes were not run on this shared machine",
        };
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (readiness delay 0ms, no agents)", "sqlite (the converged fleet's)",
            measurements, notes);
    }
}
