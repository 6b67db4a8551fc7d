namespace Orchestrator.Bench.Scale;

/// <summary>A full resync of each fleet but the smallest (every entity recovers and compares desired with observed) against one list of all pods.</summary>
public sealed class ScaleResyncFigure : IBenchFigure
{
    public string Name => "scale_full_resync_seconds";

    public string What => "one full resync of each fleet but the smallest (an unchanged apply: every entity compares) vs one LIST of all pods from the same server";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var points = await ScaleFleet.MeasureAsync(run, cancellationToken);
        var resynced = points.Where(p => p.Resync is not null).ToList();
        if (resynced.Count == 0)
            throw new InvalidOperationException("no fleet size finished its resync: "
                + string.Join("; ", points.Where(p => p.ResyncUnfinished is not null).Select(p => $"{p.Nodes} nodes: {p.ResyncUnfinished}")));
        var measurements = new List<Measurement>();
        var notes = new List<string>();
        foreach (var point in resynced)
        {
            var resync = point.Resync!;
            measurements.Add(new($"{point.Nodes} nodes, {point.Services} services: resync", resync.Converge, point.ListPodsSeconds!.Value, "s",
                "one LIST of all pods (KubernetesClient, same server)", [GoalCondition.ValueAtMost(5)], 1));
            measurements.Add(new($"{point.Nodes} nodes, {point.Services} services: writes of the resync", resync.ApiWrites, 0, "writes", "zero writes",
                [GoalCondition.ValueAtMost(0)], 1));
            notes.Add($"{point.Nodes} nodes: the resync is `orchestrator apply` of the unchanged spec on the converged fleet's journal and server, from the "
                + $"deployment's first status to Ready ({resync.Converge:0.00}s); the whole process took {resync.Total:0.0}s, {resync.ToFirstStatus:0.0}s of it "
                + "before the first status (runtime, actor system, journal)");
        }
        notes.AddRange(points.Where(p => p.ResyncUnfinished is not null).Select(p => $"{p.Nodes} nodes: the resync did not finish: {p.ResyncUnfinished}"));
        if (ScaleFleet.Unfinished(run) is { } unfinished)
            notes.Add(unfinished);
        notes.Add("every node supervisor compares its Node (claim annotation, role labels) with the observer's watch report instead of reading it");
        notes.Add("what this measures is more than the issue's resync (every entity compares desired with observed): it is a resync after a "
            + "restart, so every entity (nodes, services, the coordinator) first replays its journal in the new process, and nodes start "
            + "through the coordinator's window (orchestrator.nodes-starting-at-once); the repair of a running `run` compares without replaying");
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (readiness delay 0ms, no agents)", "sqlite (the converged fleet's)",
            measurements, notes);
    }
}
