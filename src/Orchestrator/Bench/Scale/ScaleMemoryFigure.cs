namespace Orchestrator.Bench.Scale;

/// <summary>`orchestrator run`'s resident memory with the largest fleet supervised, per entity, against the same process before any supervisor started.</summary>
public sealed class ScaleMemoryFigure : IBenchFigure
{
    private const double GoalPerEntity = 20 * 1024;
    private const double GoalInAll = 512.0 * 1024 * 1024;

    public string Name => "scale_memory_bytes_per_entity";

    public string What => "resident memory of `orchestrator run` per supervised entity (nodes, services, coordinator) at the largest fleet this machine runs";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var points = await ScaleFleet.MeasureAsync(run, cancellationToken);
        var largest = points[^1];
        var perEntity = (double)(largest.ConvergedBytes - largest.IdleBytes) / largest.Entities;
        var measurements = new List<Measurement>
        {
            new($"{largest.Nodes} nodes, {largest.Services} services: bytes per entity", perEntity, largest.IdleBytes, "bytes",
                "the same process's resident memory before any supervisor started", [GoalCondition.ValueAtMost(GoalPerEntity)], 1),
        };
        if (points.Count >= 2)
        {
            // The first deployment's fixed cost (shards, the journal's connection pool, code run for the first time) is in every
            // point; between two sizes only what each further entity holds remains.
            var smaller = points[^2];
            measurements.Add(new($"per further entity, {smaller.Nodes} -> {largest.Nodes} nodes",
                (double)(largest.ConvergedBytes - smaller.ConvergedBytes) / (largest.Entities - smaller.Entities), largest.IdleBytes, "bytes",
                "the same process before any supervisor started", [GoalCondition.ValueAtMost(GoalPerEntity)], 1));
        }
        measurements.AddRange(new List<Measurement>
        {
            new($"{largest.Nodes} nodes, {largest.Services} services: resident memory in all", largest.ConvergedBytes, largest.IdleBytes, "bytes",
                "the same process before any supervisor started", [GoalCondition.ValueAtMost(GoalInAll)], 1),
        });
        var notes = new List<string>
        {
            $"sizes measured: {string.Join(", ", points.Select(p => p.Nodes))} nodes; entities = nodes + services + the coordinator; "
                + "each memory figure is the median of several readings of VmRSS a moment apart (one reading swings with the GC's cycles)",
        };
        if (ScaleFleet.Unfinished(run) is { } unfinished)
            notes.Add(unfinished);
        notes.AddRange(points.Select(p =>
            $"{p.Nodes} nodes, {p.Services} services ({p.Entities} entities): run idle {Mib(p.IdleBytes)}, converged {Mib(p.ConvergedBytes)} (peak {Mib(p.PeakBytes)}), "
            + $"{(p.ConvergedBytes - p.IdleBytes) / (double)p.Entities / 1024:0.0} KiB per entity; the bench process holding the simulated cluster {Mib(p.ServerBytes)}; "
            + $"of run's resident memory, anonymous (GC heap, stacks, native allocations) {Mib(p.IdleAnonymousBytes)} idle, {Mib(p.ConvergedAnonymousBytes)} converged, "
            + "the rest code and libraries mapped from files"));
        if (points.Count >= 2)
            notes.Add($"per further entity, {points[^2].Nodes} -> {largest.Nodes} nodes: "
                + $"{(largest.ConvergedAnonymousBytes - points[^2].ConvergedAnonymousBytes) / (double)(largest.Entities - points[^2].Entities) / 1024:0.0} KiB anonymous, "
                + $"{(largest.ConvergedBytes - largest.ConvergedAnonymousBytes - points[^2].ConvergedBytes + points[^2].ConvergedAnonymousBytes) / (double)(largest.Entities - points[^2].Entities) / 1024:0.0} KiB mapped from files");
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (readiness delay 0ms, no agents); `orchestrator run` as a process",
            "sqlite (a fresh file per size)", measurements, notes);
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:0} MiB";
}
