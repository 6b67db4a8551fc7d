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
        var (reader, error) = await JournalOptions.OpenAsync(journal, akkaConfig, cancellation, passwordFile);
        if (reader is null)
        {
            stderr.WriteLine(error);
            return ExitCodes.BadInput;
        }
        await using (reader)
        {
            var status = RecordedStatus.From(await reader.ReadAllAsync(cancellation));
            if (output == "json")
                stdout.WriteLine(DeploymentStatusView.ToJson(new ApplyReport(status, 0, TimeSpan.Zero, false)));
            else
                console.Write(DeploymentStatusView.Table(status));
            return status.Status == DeploymentStatus.Ready ? ExitCodes.Ok : ExitCodes.Failed;
        }
    }
}
