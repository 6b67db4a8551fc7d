using System.CommandLine;
using System.Globalization;
using Orchestrator.Audit;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Spec;
using Orchestrator.Reporting;
using Spectre.Console;

namespace Orchestrator.Cli;

/// <summary>
/// `orchestrator audit`: the journal replayed as a timeline, one line per event in time order, each with its cause
/// (`-o wide` whole, `-o json` one object per line); `--follow` keeps printing events as they are persisted (by
/// polling the journal). `audit --at T`: every service, node and deployment as they stood at T, as `status` prints them.
/// </summary>
public static class AuditCommand
{
    public static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(500);

    public sealed record Arguments(string Journal, string? AkkaConfig = null, string? Service = null, string? Node = null,
        string? Deployment = null, string? Since = null, string? Until = null, string? At = null, bool Follow = false, string Output = "table",
        string? PasswordFile = null);

    public static Command Create()
    {
        var journal = JournalOptions.Journal();
        var akkaConfig = JournalOptions.AkkaConfig();
        var passwordFile = JournalOptions.PasswordFile();
        var service = new Option<string?>("--service") { Description = "Only this service's events." };
        var node = new Option<string?>("--node") { Description = "Only this node's events." };
        var deployment = new Option<string?>("--deployment") { Description = "Only this deployment's events (NAMESPACE/NAME)." };
        var since = new Option<string?>("--since") { Description = "Only events at or after this time (2026-01-01T10:00:00Z, 16:31), or this long ago (10m, 2h)." };
        var until = new Option<string?>("--until") { Description = "Only events at or before this time, or this long ago." };
        var at = new Option<string?>("--at") { Description = "Instead of events: the state of every service, node and deployment at this time." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new events as they are persisted (Ctrl-C ends)." };
        var output = CommonOptions.Output("table", "wide", "json");
        var command = new Command("audit", "The journal replayed as a timeline, each event with its cause; or, with --at, the state at an instant.")
        {
            journal, passwordFile, akkaConfig, service, node, deployment, since, until, at, follow, output,
        };
        command.SetAction((parsed, cancellation) => RunAsync(new Arguments(parsed.GetValue(journal)!, parsed.GetValue(akkaConfig),
            parsed.GetValue(service), parsed.GetValue(node), parsed.GetValue(deployment), parsed.GetValue(since), parsed.GetValue(until),
            parsed.GetValue(at), parsed.GetValue(follow), parsed.GetValue(output)!, parsed.GetValue(passwordFile)), TimeProvider.System, AnsiConsole.Console, Console.Out,
            Console.Error, cancellation));
        return command;
    }

    public static async Task<int> RunAsync(Arguments arguments, TimeProvider clock, IAnsiConsole console, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var errors = new List<string>();
        var since = Instant("--since", arguments.Since, now, errors);
        var until = Instant("--until", arguments.Until, now, errors);
        var at = Instant("--at", arguments.At, now, errors);
        var deployment = DeploymentKey.TryParse(arguments.Deployment);
        if (arguments.Deployment is not null && deployment is null)
            errors.Add($"--deployment: '{arguments.Deployment}' is not NAMESPACE/NAME");
        if (at is not null && (arguments.Follow || since is not null || until is not null))
            errors.Add("--at: shows one instant; it does not combine with --since, --until or --follow");
        if (errors.Count > 0)
            return Fail(stderr, errors, ExitCodes.BadInput);

        var opened = await AuditJournal.OpenAsync(arguments.Journal, arguments.AkkaConfig, cancellation, arguments.PasswordFile);
        if (opened.Reader is null)
            return Fail(stderr, [opened.Error!], opened.ExitCode);
        await using var reader = opened.Reader;
        var read = new Dictionary<string, long>();
        List<JournalEntry> journal;
        try
        {
            journal = [.. await reader.ReadAfterAsync(read, cancellation)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fail(stderr, ["journal could not be read: " + (e.InnerException ?? e).Message.Split('\n', 2)[0].Trim()], ExitCodes.Failed);
        }

        var all = Timeline.From(journal, new TimelineFilter());
        errors.AddRange(UnknownNames(all, arguments.Service, arguments.Node, deployment));
        if (at is { } instant)
        {
            if (all.Count > 0 && instant < all[0].At)
                errors.Add($"--at: {Shown(instant)} is before the journal's first event ({Shown(all[0].At)})");
            if (instant > now)
                errors.Add($"--at: {Shown(instant)} is in the future (now is {Shown(now)})");
        }
        if (errors.Count > 0)
            return Fail(stderr, errors, ExitCodes.BadInput);

        if (at is { } moment)
            return StateAt(journal, moment, deployment, arguments.Output, console, stdout);

        var filter = new TimelineFilter(since, until, arguments.Service, arguments.Node, deployment);
        var day = new Ref<DateOnly?>(null);
        try
        {
            if (arguments.Output != "json")
                stdout.WriteLine(TimelineLines.Header(arguments.Output == "wide"));
            Print(Timeline.From(journal, filter), arguments.Output, day, stdout);
            while (arguments.Follow && !cancellation.IsCancellationRequested)
            {
                await Task.Delay(FollowInterval, cancellation);
                var added = await reader.ReadAfterAsync(read, cancellation);
                if (added.Count == 0)
                    continue;
                var before = journal.Count;
                journal.AddRange(added);
                var subjects = JournalSubjects.Of(journal);
                Print(Timeline.Entries(journal.Skip(before), subjects).Where(filter.Keeps).OrderBy(e => e.At), arguments.Output, day, stdout);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C ends --follow: what was printed stands.
        }
        catch (IOException)
        {
            // The reader went away (`audit | head`): nothing more to say to it.
        }
        return ExitCodes.Ok;
    }

    private static void Print(IEnumerable<TimelineEntry> entries, string output, Ref<DateOnly?> day, TextWriter stdout)
    {
        if (output == "json")
            foreach (var entry in entries)
                stdout.WriteLine(TimelineLines.JsonLine(entry));
        else
            foreach (var line in TimelineLines.Format(entries, output == "wide", day))
                stdout.WriteLine(line);
        stdout.Flush();
    }

    private static int StateAt(IReadOnlyList<JournalEntry> journal, DateTimeOffset at, DeploymentKey? deployment, string output,
        IAnsiConsole console, TextWriter stdout)
    {
        var histories = DeploymentHistory.Replay(journal, at).Where(h => h.Deployment is not null && JournalSubjects.Matches(h.Deployment, deployment)).ToList();
        if (output == "json")
        {
            // One deployment is one object, as `status -o json` prints it; several are a list of them.
            var json = histories.Select(h => DeploymentStatusView.ToJson(new ApplyReport(h.Status(), 0, TimeSpan.Zero, false))).ToList();
            stdout.WriteLine(json.Count == 1 ? json[0] : "[" + string.Join(",\n", json) + "]");
            return ExitCodes.Ok;
        }
        console.WriteLine($"at {Shown(at)}");
        foreach (var history in histories)
            console.Write(DeploymentStatusView.Table(history.Status()));
        return ExitCodes.Ok;
    }

    /// <summary>A --service, --node or --deployment that names nothing in the journal, with the nearest name that does.</summary>
    public static IEnumerable<string> UnknownNames(IReadOnlyList<TimelineEntry> journal, string? service, string? node, DeploymentKey? deployment)
    {
        if (service is not null && !journal.Any(e => e.Subject == "service" && e.Name == service))
            yield return $"--service: no service '{service}' in the journal{ClosestName.Hint(service, Names(journal, "service"))}";
        if (node is not null && !journal.Any(e => e.Subject == "node" && e.Name == node))
            yield return $"--node: no node '{node}' in the journal{ClosestName.Hint(node, Names(journal, "node"))}";
        if (deployment is not null && !journal.Any(e => JournalSubjects.Matches(e.Deployment, deployment)))
            yield return $"--deployment: no deployment '{deployment}' in the journal"
                + ClosestName.Hint(deployment.ToString(), journal.Select(e => e.Deployment).OfType<string>().Distinct());
    }

    private static IEnumerable<string> Names(IEnumerable<TimelineEntry> journal, string subject) =>
        journal.Where(e => e.Subject == subject).Select(e => e.Name).Distinct(StringComparer.Ordinal);

    private static DateTimeOffset? Instant(string option, string? text, DateTimeOffset now, List<string> errors)
    {
        if (text is null)
            return null;
        if (AuditTime.TryParse(text, now, out var at))
            return at;
        errors.Add(AuditTime.Unparseable(option, text));
        return null;
    }

    internal static string Shown(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal static int Fail(TextWriter stderr, IEnumerable<string> errors, int exitCode)
    {
        foreach (var error in errors)
            stderr.WriteLine(error);
        return exitCode;
    }
}
