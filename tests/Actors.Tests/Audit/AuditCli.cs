using Orchestrator.Cli;
using Spectre.Console;

namespace Orchestrator.Actors.Tests.Audit;

/// <summary>The reading commands run in this process with their output captured, and the journal fixture copied to a folder of its own.</summary>
public static class AuditCli
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }

    /// <summary>The journal written by the first version of the format (see Fixtures/journal-v1.yaml), as a copy a test may open.</summary>
    public static string FixtureJournal()
    {
        var folder = Directory.CreateTempSubdirectory("orchestrator-fixture-").FullName;
        var copy = Path.Combine(folder, "journal-v1.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Audit", "Fixtures", "journal-v1.db"), copy);
        return "sqlite:" + copy;
    }

    public static async Task<Result> AuditAsync(AuditCommand.Arguments arguments, DateTimeOffset? now = null)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 120;
        var code = await AuditCommand.RunAsync(arguments, Clock(now), console, stdout, stderr, CancellationToken.None);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    public static async Task<Result> ExplainAsync(ExplainCommand.Arguments arguments, DateTimeOffset? now = null)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await ExplainCommand.RunAsync(arguments, Clock(now), stdout, stderr, CancellationToken.None);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    private static TimeProvider Clock(DateTimeOffset? now) => now is null ? TimeProvider.System : new FixedClock(now.Value);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
