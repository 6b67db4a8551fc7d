using System.Globalization;

namespace Orchestrator.Bench.Scale;

/// <summary>
/// How converge time and `orchestrator run`'s memory grow with the fleet: the exponent k of value ~ nodes^k, fitted by
/// least squares on the logarithms of every size measured; linear growth (k = 1) is the baseline.
/// </summary>
public sealed class ScaleGrowthFigure : IBenchFigure
{
    public string Name => "scale_growth";

    public string What => "growth exponent of converge time and memory over the fleet sizes this machine runs (linear = 1)";

    public async Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var points = await ScaleFleet.MeasureAsync(run, cancellationToken);
        var sizes = string.Join(", ", points.Select(p => p.Nodes));
        var measurements = new List<Measurement>
        {
            new($"converge time over {sizes} nodes", Exponent(points.Select(p => ((double)p.Nodes, p.ConvergeSeconds))), 1, "exponent",
                "linear growth", [GoalCondition.ValueAtMost(1.1)], 1),
            new($"run's memory (converged - idle) over {sizes} nodes", Exponent(points.Select(p => ((double)p.Nodes, (double)Math.Max(1, p.ConvergedBytes - p.IdleBytes)))),
                1, "exponent", "linear growth", [GoalCondition.ValueAtMost(1.1)], 1),
            new($"simulated cluster's memory over {sizes} nodes", Exponent(points.Select(p => ((double)p.Nodes, (double)p.ServerBytes))), 1, "exponent",
                "linear growth", [GoalCondition.ValueAtMost(1.1)], 1),
        };
        var notes = new List<string>
        {
            "points: " + string.Join("; ", points.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{p.Nodes} nodes/{p.Services} services: converge {p.ConvergeSeconds:0.0}s, run +{(p.ConvergedBytes - p.IdleBytes) / 1048576.0:0} MiB, "
                + $"bench process with the cluster {p.ServerBytes / 1048576.0:0} MiB"))),
            "the issue asks for 100, 1,000 and 10,000 nodes. The simulated cluster's memory is the bench "
                + "process's resident set after each size converged (it includes what earlier sizes left to the garbage collector), so it is an upper bound",
        };
        if (ScaleFleet.Unfinished(run) is { } unfinished)
            notes.Add(unfinished);
        return new FigureResult(Name, "in-process simulated cluster in the bench's process (readiness delay 0ms, no agents); `orchestrator run` as a process",
            "sqlite (a fresh file per size)", measurements, notes);
    }

    /// <summary>The slope of log(value) over log(size): 1 for linear growth.</summary>
    public static double Exponent(IEnumerable<(double Size, double Value)> points)
    {
        var logs = points.Where(p => p.Size > 0 && p.Value > 0).Select(p => (X: Math.Log(p.Size), Y: Math.Log(p.Value))).ToList();
        if (logs.Count < 2)
            return double.NaN;
        var meanX = logs.Average(p => p.X);
        var meanY = logs.Average(p => p.Y);
        var spread = logs.Sum(p => (p.X - meanX) * (p.X - meanX));
        return spread == 0 ? double.NaN : logs.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
    }
}
