using System.CommandLine;

namespace Orchestrator.Hosting;

/// <summary>The options of the commands that only read a journal (`status`, `audit`).</summary>
public static class JournalOptions
{
    public static Option<string> Journal() => new("--journal")
    {
        Description = "The journal to read: sqlite:PATH or postgres://user:pass@host:port/db.",
        DefaultValueFactory = _ => JournalLocation.Default,
    };

    /// <summary>Every command that takes --journal takes this too, so the password never has to be in argv.</summary>
    public static Option<string?> PasswordFile() => new(JournalPassword.FileOption)
    {
        Description = $"A file holding the PostgreSQL journal's password (else ${JournalPassword.EnvironmentVariable}); never put it in --journal on a shared host.",
    };

    public static Option<string?> AkkaConfig() => new("--akka-config")
    {
        Description = $"The HOCON file of Akka's settings (default: akka.hocon beside the executable, or ${AkkaConfigFile.EnvironmentVariable}).",
    };

    /// <summary>Opens the journal for reading, or says why not (a missing SQLite file is not created by a reader).</summary>
    public static async Task<(JournalReader? Reader, string? Error)> OpenAsync(string journal, string? akkaConfig, CancellationToken cancellationToken,
        string? passwordFile = null)
    {
        var (location, error) = JournalPassword.Locate(journal, passwordFile);
        if (error is not null)
            return (null, error);
        if (location!.SqliteFile is { } file && !File.Exists(file))
            return (null, $"--journal: no journal at {file} (nothing was applied with it yet)");
        var (hocon, hoconError) = AkkaConfigFile.Read(akkaConfig);
        if (hoconError is not null)
            return (null, hoconError);
        Logging.Configure(Serilog.Events.LogEventLevel.Warning);
        return (await JournalReader.OpenAsync(location, hocon!, cancellationToken), null);
    }
}
