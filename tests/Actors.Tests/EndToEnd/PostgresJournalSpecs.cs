using Npgsql;
using Orchestrator.Hosting;

namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>
/// The journal on a real PostgreSQL server (the one tests/run starts on 127.0.0.1, named by
/// ORCHESTRATOR_TEST_POSTGRES), each run in a database of its own: apply converges, a second apply replays the
/// journal and writes nothing, and the database password shows up nowhere in what the process prints.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PostgresJournalSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly string _database = "journal_" + Guid.NewGuid().ToString("N")[..12];
    private HostedCluster _hosted = null!;

    private SimulatedCluster.SimulatedCluster Cluster => _hosted.Cluster;

    private string Folder => _hosted.Folder;

    private static string Server => Environment.GetEnvironmentVariable("ORCHESTRATOR_TEST_POSTGRES")
        ?? throw new InvalidOperationException("ORCHESTRATOR_TEST_POSTGRES is not set: run the tests with tests/run, which starts PostgreSQL");

    /// <summary>The server's connection string, read from its URL as `--journal` reads it.</summary>
    private static NpgsqlConnectionStringBuilder Builder(string url) =>
        new(JournalLocation.Parse(url).Location?.ConnectionString ?? throw new InvalidOperationException("ORCHESTRATOR_TEST_POSTGRES is not a postgres:// URL"));

    public async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(Builder(Server).ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        _hosted = await HostedCluster.StartAsync("orchestrator-pg-");
    }

    public async Task DisposeAsync()
    {
        if (_hosted is not null)
            await _hosted.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(Builder(Server).ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Apply_journals_to_postgres_replays_from_it_and_never_prints_the_password()
    {
        var server = new Uri(Server);
        var journal = $"postgres://{server.UserInfo}@{server.Host}:{server.Port}/{_database}";
        var password = Builder(Server).Password!;
        var spec = _hosted.CopySpec();
        var kubeconfig = Cluster.WriteKubeconfig(Path.Combine(Folder, "kubeconfig"));
        string[] apply = ["apply", "-f", spec, "--kubeconfig", kubeconfig, "--journal", journal, "-o", "json", "--timeout", "90s", "--verbose"];

        var first = await OrchestratorProcess.RunAsync(apply, Bound, Folder);
        var second = await OrchestratorProcess.RunAsync(apply, Bound, Folder);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("Ready", first.Json.GetProperty("state").GetString());
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(0, second.Json.GetProperty("apiWrites").GetInt32());
        foreach (var printed in new[] { first.Json.ToString(), first.Errors, second.Json.ToString(), second.Errors })
            Assert.DoesNotContain(password, printed);
        Assert.Contains($"{server.Host}:{server.Port}/{_database}", first.Errors);

        // The reading commands read the PostgreSQL journal as they read SQLite, and never print the password either.
        var audit = await OrchestratorProcess.RunLinesAsync(["audit", "--journal", journal, "-o", "json"], Bound, Folder);
        var at = await OrchestratorProcess.RunLinesAsync(["audit", "--journal", journal, "--at", "1s", "-o", "json"], Bound, Folder);
        Assert.Equal(0, audit.ExitCode);
        Assert.Contains(audit.Lines, l => l.Contains("\"deployment-status-changed\"") && l.Contains("Ready"));
        Assert.Equal(0, at.ExitCode);
        Assert.Contains("\"state\": \"Ready\"", string.Join("\n", at.Lines));
        foreach (var printed in new[] { string.Join("\n", audit.Lines), audit.Errors, string.Join("\n", at.Lines), at.Errors })
            Assert.DoesNotContain(password, printed);
    }
}
