using Microsoft.Data.Sqlite;
using Npgsql;

namespace Orchestrator.Hosting;

/// <summary>
/// Where the journal lives, from `--journal`: `sqlite:PATH` (the default, a file) or a PostgreSQL URL
/// `postgres://user:pass@host:port/db`. <see cref="Display"/> is what may be logged: it never holds the password.
/// </summary>
public sealed record JournalLocation(string ConnectionString, string ProviderName, string Display, string? SqliteFile)
{
    public const string Default = "sqlite:.orchestrator/journal.db";

    /// <summary>linq2db's provider names, as Akka.Persistence.Sql expects them.</summary>
    public const string SqliteProvider = "SQLite.MS";
    public const string PostgresProvider = "PostgreSQL";

    /// <summary>The location, or an error message naming the flag and what is wrong (never quoting a password).</summary>
    /// <param name="password">The password from a file or the environment, used when the URL holds none.</param>
    public static (JournalLocation? Location, string? Error) Parse(string value, string? password = null)
    {
        if (value.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            var path = value["sqlite:".Length..];
            if (path.Length == 0)
                return (null, "--journal: sqlite: needs a file path, e.g. sqlite:.orchestrator/journal.db");
            var full = Path.GetFullPath(path);
            var connection = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
            return (new JournalLocation(connection, SqliteProvider, "sqlite:" + full, full), null);
        }
        if (value.StartsWith("postgres://", StringComparison.Ordinal) || value.StartsWith("postgresql://", StringComparison.Ordinal))
            return Postgres(value, password);
        return (null, "--journal: expected sqlite:PATH or postgres://user:pass@host:port/db");
    }

    private static (JournalLocation?, string?) Postgres(string value, string? password)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return (null, "--journal: not a valid postgres:// URL (expected postgres://user:pass@host:port/db)");
        var database = uri.AbsolutePath.Trim('/');
        if (database.Length == 0)
            return (null, "--journal: the postgres:// URL names no database (expected postgres://user:pass@host:port/db)");
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(database),
            Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null,
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : password,
        };
        var display = $"postgres://{(builder.Username is null ? "" : builder.Username + "@")}{builder.Host}:{builder.Port}/{builder.Database}";
        return (new JournalLocation(builder.ConnectionString, PostgresProvider, display, null), null);
    }

    /// <summary>
    /// The connection string with at most <paramref name="size"/> pooled connections per member (PostgreSQL only: every
    /// member of the cluster holds its own pool against one server, whose max_connections they share). 0 keeps Npgsql's.
    /// </summary>
    public string ConnectionStringWithPool(int size) => ProviderName != PostgresProvider || size <= 0
        ? ConnectionString
        : new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = size }.ConnectionString;

    /// <summary>The generated ToString would print the connection string, password included.</summary>
    public override string ToString() => Display;
}
