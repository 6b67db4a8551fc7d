namespace Orchestrator.Bench;

/// <summary>
/// What every figure of one `orchestrator bench` run shares: its size (quick or full), how often each figure repeats,
/// where it may put files (one folder, so value and baseline use the same disk), the Akka settings the orchestrator
/// itself runs with, stderr for progress, a converged cloud one figure may leave for the next, and the scale figures'
/// node counts when chosen (`--scale-sizes`).
/// </summary>
public sealed record BenchRun(
    bool Quick,
    string WorkDirectory,
    string AkkaHocon,
    string? PostgresUrl,
    TextWriter Progress,
    IReadOnlyList<int>? ScaleSizes = null)
{
    /// <summary>Repetitions of each value and of its baseline, interleaved; the median of each is quoted.</summary>
    public int Repetitions => Quick ? 3 : 5;

    /// <summary>Repetitions of a figure whose single run takes minutes (a thousand recoveries, three servers per turn).</summary>
    public int SlowRepetitions => Quick ? 1 : 3;

    /// <summary>A full figure's count, or a tenth of it (at least one) in a quick run.</summary>
    public int Size(int full) => Quick ? Math.Max(1, full / 10) : full;

    /// <summary>A converged cloud one figure leaves for the next (see <see cref="Apply.ConvergedCloudHandOver"/>).</summary>
    public Apply.ConvergedCloudHandOver Converged { get; } = new();

    public void Report(string figure, string message) =>
        Progress.WriteLine($"[{DateTime.Now:HH:mm:ss}] {figure}: {message}");

    /// <summary>A new empty folder for one figure inside the run's work folder.</summary>
    public string FolderFor(string figure)
    {
        var folder = Path.Combine(WorkDirectory, figure);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
