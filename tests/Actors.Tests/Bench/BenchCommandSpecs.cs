using System.Text.Json;
using Orchestrator.Bench;
using Orchestrator.Cli;

namespace Orchestrator.Actors.Tests.Bench;

/// <summary>
/// `orchestrator bench`: bad input is refused before anything is measured, and a measured figure reports every json
/// key with positive numbers. No test here asserts a timing: only that the numbers exist and are sane.
/// </summary>
public sealed class BenchCommandSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-bench-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<(int Exit, string Output, string Errors)> BenchAsync(string? only, string output = "json", string? postgres = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await BenchCommand.RunAsync(new BenchCommand.Arguments(Quick: true, only, output, postgres, Path.Combine(_folder, "work"), null),
            stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Unknown_figure_exits_2_naming_the_valid_ones()
    {
        var (exit, output, errors) = await BenchAsync("journal_vs_raw_sqlite,warp_speed");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--only", errors);
        Assert.Contains("warp_speed", errors);
        foreach (var name in BenchFigures.Names)
            Assert.Contains(name, errors);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(_folder, "work")));
    }

    [Fact]
    public async Task A_postgres_option_that_is_not_a_postgres_url_is_bad_input()
    {
        var (exit, _, errors) = await BenchAsync("journal_postgres", postgres: "mysql://root@db/x");

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--postgres", errors);
    }

    [Theory]
    [InlineData("2000")]
    [InlineData("100,abc")]
    [InlineData("100,5")]
    [InlineData("100,-2000")]
    public async Task Scale_sizes_that_are_not_two_or_more_counts_of_ten_nodes_or_more_are_bad_input_and_nothing_runs(string sizes)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await BenchCommand.RunAsync(new BenchCommand.Arguments(Quick: true, "scale_growth", "json", null, Path.Combine(_folder, "work"), null,
            sizes), stdout, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--scale-sizes", stderr.ToString());
        Assert.Equal("", stdout.ToString());
        Assert.False(Directory.Exists(Path.Combine(_folder, "work")));
    }

    [Fact]
    public async Task Postgres_figure_without_a_server_is_skipped_and_never_met()
    {
        var (exit, output, _) = await BenchAsync("journal_postgres");

        Assert.Equal(ExitCodes.Ok, exit);
        var figure = JsonDocument.Parse(output).RootElement.GetProperty("figures").GetProperty("journal_postgres");
        Assert.Contains("--postgres", figure.GetProperty("skipped").GetString());
        Assert.False(figure.GetProperty("met").GetBoolean());
        Assert.Equal(0, figure.GetProperty("measurements").GetArrayLength());
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Quick_journal_figure_reports_value_baseline_and_ratio_as_positive_numbers()
    {
        var (exit, output, errors) = await BenchAsync("journal_vs_raw_sqlite");

        Assert.True(exit == ExitCodes.Ok, errors);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.True(root.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
        Assert.True(root.GetProperty("machine").GetProperty("memory_bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("quick").GetBoolean());
        var figures = root.GetProperty("figures");
        Assert.Equal(["journal_vs_raw_sqlite"], figures.EnumerateObject().Select(f => f.Name));
        var figure = figures.GetProperty("journal_vs_raw_sqlite");
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("skipped").ValueKind);
        Assert.StartsWith("sqlite:", figure.GetProperty("journal").GetString());
        var measurements = figure.GetProperty("measurements").EnumerateArray().ToList();
        Assert.Equal(["Persist", "PersistAll", "PersistAsync"], measurements.Select(m => m.GetProperty("name").GetString()));
        foreach (var m in measurements)
        {
            Assert.True(m.GetProperty("value").GetDouble() > 0, m.ToString());
            Assert.True(m.GetProperty("baseline").GetDouble() > 0, m.ToString());
            Assert.True(m.GetProperty("ratio").GetDouble() > 0, m.ToString());
            Assert.Equal("events/s", m.GetProperty("unit").GetString());
            Assert.Contains("ratio >= 0.5", m.GetProperty("goal").GetString());
            Assert.True(m.GetProperty("met").ValueKind is JsonValueKind.True or JsonValueKind.False);
        }
    }
}
