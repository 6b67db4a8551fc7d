namespace Orchestrator.Bench;

/// <summary>
/// Every figure the bench knows, in the order a full run measures them (the no-op figure carries on from the cloud the
/// writes figure converged and changed, so it comes after it).
/// </summary>
public static class BenchFigures
{
    public static IReadOnlyList<IBenchFigure> All { get; } =
    [
        Journal.JournalThroughputFigure.Sqlite(),
        Journal.JournalThroughputFigure.Postgres(),
        new Journal.RecoveryFigure(),
        new Apply.ApplyVsKubectlFigure(),
        new Agent.AgentInstallFigure(),
        new Apply.WritesPerChangedObjectFigure(),
        new Apply.NoopResyncWritesFigure(),
        new Converge.ConvergeVsCriticalPathFigure(),
        new Config.ConfigChangeRoundTripsFigure(),
        new Scale.ScaleMemoryFigure(),
        new Scale.ScaleResyncFigure(),
        new Scale.ScaleGrowthFigure(),
        new Cluster.ClusterFailoverFigure(),
    ];

    public static IReadOnlyList<string> Names => All.Select(f => f.Name).ToList();

    /// <summary>The figures `--only` names, in the bench's order, or the names it does not know.</summary>
    public static (IReadOnlyList<IBenchFigure> Figures, IReadOnlyList<string> Unknown) Select(IReadOnlyList<string>? only)
    {
        if (only is null || only.Count == 0)
            return (All, []);
        var wanted = only.Select(n => n.Trim()).Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(n => !All.Any(f => f.Name == n)).Order(StringComparer.Ordinal).ToList();
        return (All.Where(f => wanted.Contains(f.Name)).ToList(), unknown);
    }
}
