using Orchestrator.Hosting;

namespace Orchestrator.Bench.Journal;

/// <summary>A journal the figures can run against: where it is, and the dialect of its raw baseline.</summary>
public sealed record JournalBackend(JournalLocation Location, RawJournalDialect Dialect)
{
    /// <summary>Akka.Persistence.Sql's journal table under its default table mapping.</summary>
    public const string JournalTable = "journal";

    public static JournalBackend Sqlite(string folder) =>
        new(JournalLocation.Parse("sqlite:" + Path.Combine(folder, "journal.db")).Location!, new SqliteDialect());

    /// <summary>The PostgreSQL backend, or null when no server was given (the figure is then skipped).</summary>
    public static JournalBackend? Postgres(string? url) =>
        url is not null && JournalLocation.Parse(url).Location is { } location ? new JournalBackend(location, new PostgresDialect()) : null;

    public async Task<string> SettingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = Dialect.Connect(Location.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await Dialect.SettingsAsync(connection, cancellationToken);
    }
}
