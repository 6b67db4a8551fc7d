using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestrator.Audit;
using Orchestrator.Hosting;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator audit [--service S] [--node N] [--since T] [-o table|json]`: the journal replayed as a timeline,
/// every event with the cause that decided it. T is a time (2026-01-01T10:00:00Z) or a duration ago (10m).
/// </summary>
public static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var journal = JournalOptions.Journal();
        var akkaConfig = JournalOptions.AkkaConfig();
        var passwordFile = JournalOptions.PasswordFile();
        var service = new Option<string?>("--service") { Description = "Only this service's events." };
        var node = new Option<string?>("--node") { Description = "Only this node's events." };
        var since = new Option<string?>("--since") { Description = "Only events at or after this time, or this long ago (10m, 2h)." };
        var output = CommonOptions.Output("table", "json");
        var command = new Command("audit", "The journal replayed as a timeline, each event with its cause.") { journal, passwordFile, akkaConfig, service, node, since, output };
        command.SetAction((parsed, cancellation) => RunAsync(parsed.GetValue(journal)!, parsed.GetValue(akkaConfig), parsed.GetValue(service),
            parsed.GetValue(node), parsed.GetValue(since), parsed.GetValue(output)!, TimeProvider.System, AnsiConsole.Console, Console.Out,
            Console.Error, cancellation, parsed.GetValue(passwordFile)));
        return command;
    }

    public static async Task<int> RunAsync(string journal, string? akkaConfig, string? service, string? node, string? since, string output,
        TimeProvider clock, IAnsiConsole console, TextWriter stdout, TextWriter stderr, CancellationToken cancellation, string? passwordFile = null)
    {
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (Durations.TryParse(since, out var ago))
                from = clock.GetUtcNow() - ago;
            else if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                from = at;
            else
            {
                stderr.WriteLine($"--since: '{since}' is neither a time (2026-01-01T10:00:00Z) nor a duration (10m)");
                return ExitCodes.BadInput;
            }
        }
        var (reader, error) = await JournalOptions.OpenAsync(journal, akkaConfig, cancellation, passwordFile);
        if (reader is null)
        {
            stderr.WriteLine(error);
            return ExitCodes.BadInput;
        }
        await using (reader)
        {
            var timeline = Timeline.From(await reader.ReadAllAsync(cancellation), service, node, from);
            if (output == "json")
            {
                stdout.WriteLine(JsonSerializer.Serialize(timeline, Json));
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Simple).AddColumns("TIME", "SUBJECT", "NAME", "EVENT", "DETAIL", "CAUSE");
            foreach (var entry in timeline)
                table.AddRow(entry.At.ToLocalTime().ToString("MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture), entry.Subject, Markup.Escape(entry.Name),
                    entry.Event, Markup.Escape(entry.Detail ?? ""), Markup.Escape(entry.Cause));
            console.Write(table);
            return ExitCodes.Ok;
        }
    }
}
