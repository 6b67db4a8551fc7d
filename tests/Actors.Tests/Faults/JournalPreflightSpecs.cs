using Orchestrator.Hosting;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>A journal that cannot be used is one line naming it and the cause, the password masked, within seconds.</summary>
public sealed class JournalPreflightSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-journal-preflight-").FullName;

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(_folder, recursive: true);
    }

    private static JournalLocation Location(string value) => JournalLocation.Parse(value).Location!;

    [Fact]
    public async Task A_file_that_is_not_SQLite_is_named_as_such()
    {
        var file = Path.Combine(_folder, "c.db");
        await File.WriteAllTextAsync(file, "this is not a database, just some text that is long enough to have a header");

        var problem = await JournalPreflight.CheckAsync(Location("sqlite:" + file), forWriting: true, CancellationToken.None);

        Assert.Equal($"sqlite:{file}: not a SQLite database", problem);
    }

    [Fact]
    public async Task A_directory_is_not_a_journal_file()
    {
        var problem = await JournalPreflight.CheckAsync(Location("sqlite:" + _folder), forWriting: true, CancellationToken.None);

        Assert.Equal($"sqlite:{_folder}: is a directory, not a SQLite database file", problem);
    }

    [Fact]
    public async Task A_reader_does_not_create_a_missing_journal()
    {
        var file = Path.Combine(_folder, "missing.db");

        var problem = await JournalPreflight.CheckAsync(Location("sqlite:" + file), forWriting: false, CancellationToken.None);

        Assert.Contains("no journal there", problem);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_new_journal_file_and_its_folder_are_fine_for_a_writer()
    {
        var file = Path.Combine(_folder, "new", "journal.db");

        Assert.Null(await JournalPreflight.CheckAsync(Location("sqlite:" + file), forWriting: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_folder_where_a_file_stands_is_named()
    {
        var blocker = Path.Combine(_folder, "blocker");
        await File.WriteAllTextAsync(blocker, "x");

        var problem = await JournalPreflight.CheckAsync(Location("sqlite:" + Path.Combine(blocker, "journal.db")), forWriting: true, CancellationToken.None);

        Assert.StartsWith($"sqlite:{Path.Combine(blocker, "journal.db")}: cannot create its folder", problem);
    }

    [Fact]
    public async Task A_closed_postgres_port_is_connection_refused_with_the_password_masked()
    {
        var port = ClosedPort.Pick();

        var problem = await JournalPreflight.CheckAsync(Location($"postgres://u:hunter2@127.0.0.1:{port}/db"), forWriting: true, CancellationToken.None);

        Assert.Equal($"postgres://u:***@127.0.0.1:{port}/db: connection refused", problem);
    }
}
