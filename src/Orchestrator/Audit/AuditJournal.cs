using Orchestrator.Hosting;

namespace Orchestrator.Audit;

/// <summary>
/// Opens a journal for the commands that read one (`status`, `audit`, `explain`), after <see cref="JournalCheck"/>:
/// a bad `--journal` is bad input (exit 2), a journal that cannot be read is a journal problem (exit 1).
/// </summary>
public static class AuditJournal
{
    public sealed record Opened(JournalReader? Reader, string? Error, int ExitCode);

    public static async Task<Opened> OpenAsync(string journal, string? akkaConfig, CancellationToken cancellationToken,
        string? passwordFile = null)
    {
        // The flags and the journal's reachability are JournalOptions' (and JournalPreflight's) to judge; what only a
        // reader of the history cares about (empty, or written by a newer orchestrator) is JournalCheck's.
        var opening = await JournalOptions.OpenAsync(journal, akkaConfig, cancellationToken, passwordFile);
        if (opening.Reader is null)
            return new(null, opening.Error, opening.ExitCode);
        var (location, _) = JournalPassword.Locate(journal, passwordFile);
        if (await JournalCheck.ProblemAsync(location!, cancellationToken) is { } problem)
        {
            await opening.Reader.DisposeAsync();
            return new(null, problem, Cli.ExitCodes.Failed);
        }
        return new(opening.Reader, null, Cli.ExitCodes.Ok);
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
