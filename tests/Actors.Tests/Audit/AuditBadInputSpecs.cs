using Microsoft.Data.Sqlite;
using Orchestrator.Cli;

namespace Orchestrator.Actors.Tests.Audit;

/// <summary>Each bad input of the reading commands is one line on stderr and exit 2 (input) or 1 (journal), never a stack trace.</summary>
public sealed class AuditBadInputSpecs
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T00:00:00Z");

    private static void OneLine(AuditCli.Result result, int exitCode, string contains)
    {
        Assert.Equal(exitCode, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(contains, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("2026-12-01T16:00:00Z", "is before the journal's first event")]
    [InlineData("2026-12-03T00:00:00Z", "is in the future")]
    [InlineData("yesterday-ish", "is neither a time")]
    public async Task At_outside_the_journal_or_unparseable_is_bad_input(string at, string reason)
    {
        OneLine(await AuditCli.AuditAsync(new AuditCommand.Arguments(AuditCli.FixtureJournal(), At: at), Now), 2, reason);
        OneLine(await AuditCli.ExplainAsync(new ExplainCommand.Arguments("keystone", AuditCli.FixtureJournal(), At: at), Now), 2, reason);
    }

    [Fact]
    public async Task An_unknown_service_or_node_is_bad_input_with_the_name_it_probably_meant()
    {
        OneLine(await AuditCli.AuditAsync(new AuditCommand.Arguments(AuditCli.FixtureJournal(), Service: "keystnoe"), Now), 2,
            "--service: no service 'keystnoe' in the journal (did you mean 'keystone'?)");
        OneLine(await AuditCli.AuditAsync(new AuditCommand.Arguments(AuditCli.FixtureJournal(), Node: "node-9"), Now), 2, "did you mean 'node-1'?");
        OneLine(await AuditCli.ExplainAsync(new ExplainCommand.Arguments("glanceapi", AuditCli.FixtureJournal()), Now), 2,
            "no service 'glanceapi' in the journal (did you mean 'glance-api'?)");
        OneLine(await AuditCli.ExplainAsync(new ExplainCommand.Arguments("node/node-3", AuditCli.FixtureJournal()), Now), 2, "no node 'node-3'");
    }

    [Fact]
    public async Task An_empty_journal_is_a_journal_error()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("orchestrator-empty-").FullName, "journal.db");
        await File.WriteAllBytesAsync(file, []);

        OneLine(await AuditCli.AuditAsync(new AuditCommand.Arguments("sqlite:" + file), Now), 1, "is empty: nothing was applied with it yet");
    }

    [Fact]
    public async Task A_corrupt_sqlite_file_is_a_journal_error()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("orchestrator-corrupt-").FullName, "journal.db");
        await File.WriteAllBytesAsync(file, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 % 251)).ToArray());

        OneLine(await AuditCli.AuditAsync(new AuditCommand.Arguments("sqlite:" + file), Now), 1, ": not a SQLite database");
    }

    [Fact]
    public async Task A_journal_of_a_newer_version_is_refused_not_misread()
    {
        var journal = AuditCli.FixtureJournal();
        await using (var connection = new SqliteConnection($"Data Source={journal["sqlite:".Length..]};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE journal SET manifest = 'service-ready.v7' WHERE manifest = 'service-ready.v1'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        OneLine(await AuditCli.AuditAsync(new AuditCommand.Arguments(journal), Now), 1, "was written by a newer orchestrator: it holds service-ready.v7, this one reads up to v1");
    }

    [Fact]
    public async Task An_unreachable_postgres_is_a_journal_error_that_never_shows_the_password()
    {
        var result = await AuditCli.AuditAsync(new AuditCommand.Arguments("postgres://audit:pa55word-never-shown@127.0.0.1:1/journal"), Now);

        OneLine(result, 1, "postgres://audit:***@127.0.0.1:1/journal: connection refused");
        Assert.DoesNotContain("pa55word-never-shown", result.Error);
    }
}
