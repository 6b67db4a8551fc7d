using System.CommandLine;
using Orchestrator.Audit;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Reporting;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>`orchestrator status [--journal URI] [-o table|json]`: where every service and node stands, as the journal recorded it.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var journal = JournalOptions.Journal();
        var akkaConfig = JournalOptions.AkkaConfig();
        var passwordFile = JournalOptions.PasswordFile();
        var output = CommonOptions.Output("table", "json");
        var command = new Command("status", "The deployment's state as the journal recorded it.") { journal, passwordFile, akkaConfig, output };
        command.SetAction((parsed, cancellation) => RunAsync(parsed.GetValue(journal)!, parsed.GetValue(akkaConfig), parsed.GetValue(output)!,
            AnsiConsole.Console, Console.Out, Console.Error, cancellation, parsed.GetValue(passwordFile)));
        return command;
    }

    public static async Task<int> RunAsync(string journal, string? akkaConfig, string output, IAnsiConsole console, TextWriter stdout,
        TextWriter stderr, CancellationToken cancellation, string? passwordFile = null)
    {
        var opened = await AuditJournal.OpenAsync(journal, akkaConfig, cancellation, passwordFile);
        if (opened.Reader is null)
            return AuditCommand.Fail(stderr, [opened.Error!], opened.ExitCode);
        await using (var reader = opened.Reader)
        {
            var (entries, readError) = await AuditJournal.ReadAsync(reader, cancellation);
            if (entries is null)
                return AuditCommand.Fail(stderr, [readError!], ExitCodes.Failed);
            // One deployment prints as before; a journal of several (operator mode) prints each, JSON as a list.
            var statuses = RecordedStatus.ByDeployment(entries);
            if (statuses.Count == 0)
                statuses = [RecordedStatus.From(entries)];
            var json = statuses.Select(s => DeploymentStatusView.ToJson(new ApplyReport(s, 0, TimeSpan.Zero, false))).ToList();
            if (output == "json")
                stdout.WriteLine(json.Count == 1 ? json[0] : "[" + string.Join(",\n", json) + "]");
            else
                foreach (var status in statuses)
                    console.Write(DeploymentStatusView.Table(status));
            return statuses.All(s => s.Status == DeploymentStatus.Ready) ? ExitCodes.Ok : ExitCodes.Failed;
        }
    }
}
