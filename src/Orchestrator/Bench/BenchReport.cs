using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Orchestrator.Bench;

/// <summary>A whole run's results: a table for people, or one JSON object keyed by the figures' json keys.</summary>
public sealed record BenchReport(MachineInfo Machine, bool Quick, IReadOnlyList<FigureResult> Figures, TimeSpan Elapsed)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson()
    {
        var figures = new JsonObject();
        foreach (var figure in Figures)
        {
            var measurements = new JsonArray();
            foreach (var m in figure.Measurements)
                measurements.Add(new JsonObject
                {
                    ["name"] = m.Name,
                    ["value"] = Number(m.Value),
                    ["baseline"] = Number(m.Baseline),
                    ["ratio"] = Number(m.Ratio),
                    ["unit"] = m.Unit,
                    ["baseline_what"] = m.BaselineWhat,
                    ["goal"] = m.GoalText,
                    ["met"] = m.Met,
                    ["repetitions"] = m.Repetitions,
                });
            figures[figure.Name] = new JsonObject
            {
                ["cluster"] = figure.Cluster,
                ["journal"] = figure.Journal,
                ["skipped"] = figure.Skipped,
                ["met"] = figure.Met,
                ["measurements"] = measurements,
                ["notes"] = new JsonArray(figure.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            };
        }
        var root = new JsonObject
        {
            ["machine"] = new JsonObject
            {
                ["cores"] = Machine.Cores,
                ["memory_bytes"] = Machine.MemoryBytes,
                ["os"] = Machine.OperatingSystem,
                ["runtime"] = Machine.Runtime,
                ["processor"] = Machine.Processor,
            },
            ["quick"] = Quick,
            ["elapsed_seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["figures"] = figures,
        };
        return root.ToJsonString(Indented);
    }

    /// <summary>JSON has no NaN: a ratio against a zero baseline is written as null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 4)) : null;

    public void WriteTable(IAnsiConsole console)
    {
        console.WriteLine($"machine: {Machine}");
        var table = new Table().AddColumns("figure", "measurement", "value", "baseline", "ratio", "goal", "met");
        foreach (var figure in Figures)
        {
            if (figure.Skipped is { } reason)
            {
                table.AddRow(Markup.Escape(figure.Name), "-", "-", "-", "-", "-", "skipped");
                continue;
            }
            foreach (var m in figure.Measurements)
                table.AddRow(Markup.Escape(figure.Name), Markup.Escape(m.Name), Markup.Escape($"{Format(m.Value)} {m.Unit}"),
                    Markup.Escape($"{Format(m.Baseline)} {m.Unit}"), Format(m.Ratio), Markup.Escape(m.GoalText), m.Met ? "yes" : "NO");
        }
        console.Write(table);
        foreach (var figure in Figures)
        {
            console.WriteLine($"{figure.Name}: cluster {figure.Cluster}; journal {figure.Journal}");
            if (figure.Skipped is { } reason)
                console.WriteLine($"  - skipped: {reason}");
            foreach (var note in figure.Notes)
                console.WriteLine($"  - {note}");
        }
        console.WriteLine($"{Figures.Count(f => f.Met)} of {Figures.Count} figure(s) met their goal{(Quick ? " (quick run: small sizes)" : "")}, "
            + $"{Figures.Count(f => f.Skipped is not null)} skipped, in {Elapsed.TotalSeconds:0}s");
    }

    public static string Format(double value) =>
        !double.IsFinite(value) ? "-"
        : Math.Abs(value) >= 100 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 1 ? value.ToString("0.00", CultureInfo.InvariantCulture)
        : value.ToString("0.000", CultureInfo.InvariantCulture);
}
