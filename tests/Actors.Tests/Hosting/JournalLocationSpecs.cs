using Orchestrator.Hosting;

namespace Orchestrator.Actors.Tests.Hosting;

public sealed class JournalLocationSpecs
{
    [Fact]
    public void Sqlite_journal_is_a_file_with_its_full_path()
    {
        var (location, error) = JournalLocation.Parse("sqlite:.orchestrator/journal.db");

        Assert.Null(error);
        Assert.Equal(JournalLocation.SqliteProvider, location!.ProviderName);
        Assert.Equal(Path.GetFullPath(".orchestrator/journal.db"), location.SqliteFile);
        Assert.Contains(Path.GetFullPath(".orchestrator/journal.db"), location.ConnectionString);
    }

    [Fact]
    public void Postgres_url_becomes_an_Npgsql_connection_string_and_its_display_never_holds_the_password()
    {
        var (location, error) = JournalLocation.Parse("postgres://orchestrator:pa%24%24word@db.example.com:5433/journal");

        Assert.Null(error);
        Assert.Equal(JournalLocation.PostgresProvider, location!.ProviderName);
        Assert.Contains("Host=db.example.com", location.ConnectionString);
        Assert.Contains("Port=5433", location.ConnectionString);
        Assert.Contains("Database=journal", location.ConnectionString);
        Assert.Contains("Password=pa$$word", location.ConnectionString);
        Assert.Equal("postgres://orchestrator@db.example.com:5433/journal", location.Display);
        Assert.DoesNotContain("pa$$word", location.ToString());
    }

    [Theory]
    [InlineData("mysql://x@y/z", "--journal: expected sqlite:PATH or postgres://user:pass@host:port/db")]
    [InlineData("sqlite:", "--journal: sqlite: needs a file path, e.g. sqlite:.orchestrator/journal.db")]
    [InlineData("postgres://user:secret@host:5432", "--journal: the postgres:// URL names no database (expected postgres://user:pass@host:port/db)")]
    public void Bad_journal_is_refused_naming_the_flag_and_never_the_password(string value, string expected)
    {
        var (location, error) = JournalLocation.Parse(value);

        Assert.Null(location);
        Assert.Equal(expected, error);
    }
}
