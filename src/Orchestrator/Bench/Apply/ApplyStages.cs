using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Orchestrator.Bench.Apply;

/// <summary>
/// Where one `orchestrator apply` process spent its time, read from what it prints: its progress lines on stderr
/// ("  12.1s deployment cloud Progressing") and the `elapsedSeconds` and `apiWrites` of its JSON result.
/// </summary>
public sealed partial record ApplyStages(
    double Total,
    double OutsideClock,
    double ToFirstStatus,
    double ToFirstApplying,
    double ToReady,
    int ApiWrites,
    IReadOnlyList<ProgressLine> Lines)
{
    /// <summary>From the coordinator's first status (the deployment accepted) to Ready: the converge, without the process's start.</summary>
    public double Converge => ToFirstApplying + ToReady;

    /// <summary>Seconds on apply's clock when the service or node first reported <paramref name="state"/>, if it did.</summary>
    public double? First(string kind, string name, string state) =>
        Lines.Where(l => l.Kind == kind && l.Name == name && l.State == state).Select(l => (double?)l.Seconds).Min();

    /// <summary>
    /// Stages of a process that ran <paramref name="total"/> seconds, printed <paramref name="output"/> (stdout and
    /// stderr) and the JSON result <paramref name="result"/> on stdout.
    /// </summary>
    public static ApplyStages Read(double total, string output, string result)
    {
        var json = result.IndexOf('{');
        double elapsed = 0;
        var writes = 0;
        if (json >= 0)
        {
            using var document = JsonDocument.Parse(result[json..]);
            if (document.RootElement.TryGetProperty("elapsedSeconds", out var e))
                elapsed = e.GetDouble();
            if (document.RootElement.TryGetProperty("apiWrites", out var w))
                writes = w.GetInt32();
        }
        var lines = ProgressLine().Matches(output)
            .Select(m => new ProgressLine(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))
            .ToList();
        var firstStatus = lines.Count > 0 ? lines.Min(l => l.Seconds) : elapsed;
        var firstApplying = lines.Where(l => l.Kind == "service" && l.State == "Applying").Select(l => l.Seconds).DefaultIfEmpty(firstStatus).Min();
        // Outside apply's own clock: the runtime's start, reading the spec, and the actor system's shutdown at the end.
        return new ApplyStages(total, Math.Max(0, total - elapsed), firstStatus, firstApplying - firstStatus, elapsed - firstApplying, writes, lines);
    }

    [GeneratedRegex(@"^\s*([\d.]+)s (deployment|service|node) (\S+) (\w+)", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();
}

/// <summary>One progress line of `orchestrator apply`: "  12.1s service keystone Ready".</summary>
public sealed record ProgressLine(double Seconds, string Kind, string Name, string State);
