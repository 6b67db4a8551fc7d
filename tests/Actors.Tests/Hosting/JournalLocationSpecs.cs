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

    [Fact]
    public void The_password_comes_from_a_file_or_the_environment_when_the_url_holds_none_and_is_never_displayed()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "fr0m-a-f1le\n");
            var (fromFile, fileError) = JournalPassword.Resolve(file, _ => "from-the-environment");
            var (fromEnvironment, _) = JournalPassword.Resolve(null, name => name == "ORCHESTRATOR_JOURNAL_PASSWORD" ? "fr0m-env" : null);
            var (location, _) = JournalLocation.Parse("postgres://orchestrator@db.example.com/journal", fromFile);

            Assert.Null(fileError);
            Assert.Equal("fr0m-a-f1le", fromFile);
            Assert.Equal("fr0m-env", fromEnvironment);
            Assert.Contains("Password=fr0m-a-f1le", location!.ConnectionString);
            Assert.Equal("postgres://orchestrator@db.example.com:5432/journal", location.Display);
            Assert.Contains("Password=in-url", JournalLocation.Parse("postgres://o:in-url@db/journal", "other").Location!.ConnectionString);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_unreadable_password_file_is_refused_naming_the_option()
    {
        var (password, error) = JournalPassword.Resolve("/nonexistent/journal-password", _ => null);

        Assert.Null(password);
        Assert.StartsWith("--journal-password-file: cannot read /nonexistent/journal-password", error);
    }
}
