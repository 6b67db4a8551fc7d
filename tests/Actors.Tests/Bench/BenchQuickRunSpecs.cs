using System.Text.Json;
using Npgsql;
using Orchestrator.Bench;
using Orchestrator.Cli;
using Orchestrator.Hosting;

namespace Orchestrator.Actors.Tests.Bench;

/// <summary>
/// The smoke test of the whole bench: `bench --quick` with the tests' PostgreSQL (a database of its own) measures every
/// figure it knows, none skipped, each measurement a number with its baseline and a goal, and a figure is met exactly
/// when all its measurements are. It asserts no timing: a slow machine gives other numbers, never a failure.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BenchQuickRunSpecs : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-bench-quick-").FullName;
    private readonly string _database = "bench_" + Guid.NewGuid().ToString("N")[..12];

    private static string Server => Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ORCHESTRATOR_TEST_POSTGRES is not set: run the tests with tests/run, which starts PostgreSQL");

    private static string AdminConnection => JournalLocation.Parse(Server).Location?.ConnectionString
        ?? throw new InvalidOperationException("ORCHESTRATOR_TEST_POSTGRES is not a postgres:// URL");

    private string Database
    {
        get
        {
            var server = new Uri(Server);
            return $"postgres://{server.UserInfo}@{server.Host}:{server.Port}/{_database}";
        }
    }

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnection);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(AdminConnection))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_quick_run_measures_every_figure_against_its_baseline()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await BenchCommand.RunAsync(new BenchCommand.Arguments(Quick: true, null, "json", Database, Path.Combine(_folder, "work"), null),
            stdout, stderr, CancellationToken.None);

        Assert.True(exit == ExitCodes.Ok, stderr.ToString());
        var figures = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("figures");
        Assert.Equal(BenchFigures.Names.Order(), figures.EnumerateObject().Select(f => f.Name).Order());
        foreach (var figure in figures.EnumerateObject())
        {
            Assert.True(figure.Value.GetProperty("skipped").ValueKind == JsonValueKind.Null, $"{figure.Name} skipped: {figure.Value.GetProperty("skipped")}");
            var measurements = figure.Value.GetProperty("measurements").EnumerateArray().ToList();
            Assert.True(measurements.Count > 0, $"{figure.Name} measured nothing");
            foreach (var m in measurements)
            {
                Assert.True(double.IsFinite(m.GetProperty("value").GetDouble()), $"{figure.Name}: {m}");
                Assert.True(m.GetProperty("baseline").GetDouble() >= 0, $"{figure.Name}: {m}");
                Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("goal").GetString()), $"{figure.Name}: {m}");
            }
            Assert.Equal(measurements.All(m => m.GetProperty("met").GetBoolean()), figure.Value.GetProperty("met").GetBoolean());
        }
    }
}
