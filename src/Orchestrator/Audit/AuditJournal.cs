using Orchestrator.Hosting;

namespace Orchestrator.Audit;

/// <summary>
/// Opens a journal for the commands that read one (`status`, `audit`, `explain`), after <see cref="JournalCheck"/>:
/// a bad `--journal` is bad input (exit 2), a journal that cannot be read is a journal problem (exit 1).
/// </summary>
public static class AuditJournal
{
    public sealed record Opened(JournalReader? Reader, string? Error, int ExitCode);

    public static async Task<Opened> OpenAsync(string journal, string? akkaConfig, CancellationToken cancellationToken)
    {
        var (location, error) = JournalLocation.Parse(journal);
        if (error is not null)
            return new(null, error, Cli.ExitCodes.BadInput);
        if (location!.SqliteFile is { } file && !File.Exists(file))
            return new(null, $"--journal: no journal at {file} (nothing was applied with it yet)", Cli.ExitCodes.BadInput);
        if (await JournalCheck.ProblemAsync(location, cancellationToken) is { } problem)
            return new(null, problem, Cli.ExitCodes.Failed);
        var (reader, openError) = await JournalOptions.OpenAsync(journal, akkaConfig, cancellationToken);
        return reader is null ? new(null, openError, Cli.ExitCodes.BadInput) : new(reader, null, Cli.ExitCodes.Ok);
    }

    /// <summary>Every event, or the one line that says why the journal could not be read to its end.</summary>
    public static async Task<(IReadOnlyList<JournalEntry>? Entries, string? Error)> ReadAsync(JournalReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadAllAsync(cancellationToken), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, "journal could not be read: " + (e.InnerException ?? e).Message.Split('\n', 2)[0].Trim());
        }
    }
}
