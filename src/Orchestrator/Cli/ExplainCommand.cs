using System.CommandLine;
using Orchestrator.Audit;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator explain SERVICE|node/NAME [--at T] [--deployment NS/NAME]`: why it is in its state, as the chain of
/// causes its journal recorded, back to the spec change that started it; for a waiting service, what it waits for and
/// why that is not Ready, recursively. Read from the journal, so it answers for any past instant too.
/// </summary>
public static class ExplainCommand
{
    public sealed record Arguments(string Target, string Journal, string? AkkaConfig = null, string? At = null, string? Deployment = null);

    public static Command Create()
    {
        var target = new Argument<string>("target") { Description = "A service name, or node/NAME (service/NAME also works)." };
        var journal = JournalOptions.Journal();
        var akkaConfig = JournalOptions.AkkaConfig();
        var at = new Option<string?>("--at") { Description = "Explain the state at this time (2026-01-01T10:00:00Z, 16:31) or this long ago (10m)." };
        var deployment = new Option<string?>("--deployment") { Description = "The deployment (NAMESPACE/NAME), when the journal holds several." };
        var command = new Command("explain", "Why a service or node is in its state: the chain of causes from the journal.")
        {
            target, journal, akkaConfig, at, deployment,
        };
        command.SetAction((parsed, cancellation) => RunAsync(new Arguments(parsed.GetValue(target)!, parsed.GetValue(journal)!,
            parsed.GetValue(akkaConfig), parsed.GetValue(at), parsed.GetValue(deployment)), TimeProvider.System, Console.Out, Console.Error, cancellation));
        return command;
    }

    public static async Task<int> RunAsync(Arguments arguments, TimeProvider clock, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var (kind, name) = arguments.Target.Split('/', 2) is [var k and ("node" or "service"), var n] ? (k, n) : ("service", arguments.Target);
        DateTimeOffset? at = null;
        if (arguments.At is not null)
        {
            if (!AuditTime.TryParse(arguments.At, now, out var parsed))
                return AuditCommand.Fail(stderr, [AuditTime.Unparseable("--at", arguments.At)], ExitCodes.BadInput);
            at = parsed;
        }
        var wanted = DeploymentKey.TryParse(arguments.Deployment);
        if (arguments.Deployment is not null && wanted is null)
            return AuditCommand.Fail(stderr, [$"--deployment: '{arguments.Deployment}' is not NAMESPACE/NAME"], ExitCodes.BadInput);

        var opened = await AuditJournal.OpenAsync(arguments.Journal, arguments.AkkaConfig, cancellation);
        if (opened.Reader is null)
            return AuditCommand.Fail(stderr, [opened.Error!], opened.ExitCode);
        await using var reader = opened.Reader;
        var (journal, readError) = await AuditJournal.ReadAsync(reader, cancellation);
        if (journal is null)
            return AuditCommand.Fail(stderr, [readError!], ExitCodes.Failed);

        var timeline = Timeline.From(journal, new TimelineFilter());
        if (at is { } instant && timeline.Count > 0 && instant < timeline[0].At)
            return AuditCommand.Fail(stderr, [$"--at: {AuditCommand.Shown(instant)} is before the journal's first event ({AuditCommand.Shown(timeline[0].At)})"], ExitCodes.BadInput);
        if (at > now)
            return AuditCommand.Fail(stderr, [$"--at: {AuditCommand.Shown(at.Value)} is in the future (now is {AuditCommand.Shown(now)})"], ExitCodes.BadInput);

        var histories = DeploymentHistory.Replay(journal, at).Where(h => h.Deployment is not null && JournalSubjects.Matches(h.Deployment, wanted)).ToList();
        var holding = histories.Where(h => kind == "node" ? h.Nodes.ContainsKey(name) : h.Services.ContainsKey(name)).ToList();
        if (holding.Count == 0)
        {
            var known = histories.SelectMany(h => kind == "node" ? h.Nodes.Keys : h.Services.Keys).Distinct(StringComparer.Ordinal);
            var when = at is null ? "" : " by " + AuditCommand.Shown(at.Value);
            return AuditCommand.Fail(stderr, [$"explain: no {kind} '{name}' in the journal{when}{ClosestName.Hint(name, known)}"], ExitCodes.BadInput);
        }
        if (holding.Count > 1)
            return AuditCommand.Fail(stderr, [$"explain: {kind} '{name}' is in {holding.Count} deployments ({string.Join(", ", holding.Select(h => h.Deployment))}): give --deployment NAMESPACE/NAME"], ExitCodes.BadInput);

        var lines = kind == "node" ? Explanation.ForNode(holding[0], name) : Explanation.ForService(holding[0], name);
        try
        {
            stdout.WriteLine($"deployment {holding[0].Deployment}{(at is null ? "" : " at " + AuditCommand.Shown(at.Value))}");
            foreach (var line in lines)
                stdout.WriteLine(line);
        }
        catch (IOException)
        {
            // `explain ... | head`: the reader has what it wanted.
        }
        return ExitCodes.Ok;
    }
}
