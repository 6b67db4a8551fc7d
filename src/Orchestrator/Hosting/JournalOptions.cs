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

    /// <summary>
    /// Opens the journal for reading, or says why not in one line: a flag that is wrong (a missing SQLite file is not
    /// created by a reader) is bad input, exit 2; a journal that cannot be opened or reached is a failure, exit 1,
    /// found by <see cref="JournalPreflight"/> within seconds.
    /// </summary>
    public static async Task<JournalOpening> OpenAsync(string journal, string? akkaConfig, CancellationToken cancellationToken,
        string? passwordFile = null)
    {
        var (location, error) = JournalPassword.Locate(journal, passwordFile);
        if (error is not null)
            return new(null, error, 2);
        if (location!.SqliteFile is { } file && !File.Exists(file) && !Directory.Exists(file))
            return new(null, $"--journal: no journal at {file} (nothing was applied with it yet)", 2);
        var (hocon, hoconError) = AkkaConfigFile.Read(akkaConfig);
        if (hoconError is not null)
            return new(null, hoconError, 2);
        if (await JournalPreflight.CheckAsync(location, forWriting: false, cancellationToken) is { } problem)
            return new(null, problem, 1);
        Logging.Configure(Serilog.Events.LogEventLevel.Warning);
        return new(await JournalReader.OpenAsync(location, hocon!, cancellationToken), null, 0);
    }
}

/// <summary>A journal opened for reading, or the one line that says why not and the exit code it means.</summary>
public sealed record JournalOpening(JournalReader? Reader, string? Error, int ExitCode)
{
    public void Deconstruct(out JournalReader? reader, out string? error)
    {
        reader = Reader;
        error = Error;
    }
}
