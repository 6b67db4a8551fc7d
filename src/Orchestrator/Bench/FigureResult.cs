namespace Orchestrator.Bench;

/// <summary>
/// What one figure measured: its measurements (each with its baseline), which cluster and which journal it used,
/// and notes on where the time went (stage timings, the settings the comparison depends on). A figure that could not
/// run says why in <see cref="Skipped"/>; a skipped figure is never counted as met.
/// </summary>
public sealed record FigureResult(
    string Name,
    string Cluster,
    string Journal,
    IReadOnlyList<Measurement> Measurements,
    IReadOnlyList<string> Notes,
    string? Skipped = null)
{
    public static FigureResult Skip(string name, string cluster, string journal, string reason) =>
        new(name, cluster, journal, [], [], reason);

    public bool Met => Skipped is null && Measurements.Count > 0 && Measurements.All(m => m.Met);
}
