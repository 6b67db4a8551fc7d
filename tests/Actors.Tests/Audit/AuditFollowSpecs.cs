using System.Text;
using System.Text.Json;
using Orchestrator.Actors.Tests.Scenarios;
using Orchestrator.Cli;
using Orchestrator.Messages.Deployments;
using Spectre.Console;

namespace Orchestrator.Actors.Tests.Audit;

/// <summary>`audit --follow` prints events as the running orchestrator persists them; `audit | head` ends quietly.</summary>
public sealed class AuditFollowSpecs
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Follow_prints_the_events_a_running_orchestrator_persists_after_it_started()
    {
        await using var harness = await ConvergenceHarness.StartAsync(TestSpecs.ApiAndPinned());
        await harness.StartSystemAsync();
        Assert.Equal(DeploymentStatus.Ready, (await harness.ApplyAsync(TestSpecs.ApiAndPinned())).Status);
        var output = new LockedWriter();
        using var stop = new CancellationTokenSource();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });

        var follow = AuditCommand.RunAsync(new AuditCommand.Arguments("sqlite:" + harness.Journal.SqliteFile, Follow: true, Output: "json"),
            TimeProvider.System, console, output, new StringWriter(), stop.Token);
        await Eventually.True(() => output.Lines().Any(l => l.Contains("\"deployment-status-changed\"")), "a deployment-status-changed line printed", Bound);
        var before = output.Lines().Length;
        await harness.Send(TestSpecs.ApiAndPinned("[DEFAULT]\ndebug = true\n"));
        await Eventually.True(() => output.Lines().Any(l => l.Contains("config keystone.conf hash")), "a line naming the keystone.conf hash printed", Bound);
        stop.Cancel();

        Assert.Equal(0, await follow);
        var added = output.Lines().Skip(before).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(added, e => e.GetProperty("name").GetString() == "keystone" && e.GetProperty("event").GetString() == "service-spec-changed");
        Assert.All(output.Lines(), l => JsonDocument.Parse(l));
    }

    [Fact]
    public async Task A_reader_that_goes_away_ends_the_audit_quietly()
    {
        var closing = new ClosingWriter(linesBeforeClose: 3);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(closing) });
        var errors = new StringWriter();

        var code = await AuditCommand.RunAsync(new AuditCommand.Arguments(AuditCli.FixtureJournal()), TimeProvider.System, console, closing, errors,
            CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal("", errors.ToString());
        Assert.Equal(3, closing.Written);
    }


    /// <summary>stdout shared by the follow loop and the test.</summary>
    private sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
                _text.Append(value);
        }

        public override void Write(string? value)
        {
            lock (_text)
                _text.Append(value);
        }

        public string[] Lines()
        {
            lock (_text)
                return _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    /// <summary>A pipe whose reader leaves after a few lines (`| head -3`): every later write fails as a closed pipe does.</summary>
    private sealed class ClosingWriter(int linesBeforeClose) : TextWriter
    {
        public int Written { get; private set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Check();

        public override void Write(string? value) => Check();

        public override void WriteLine(string? value)
        {
            Check();
            Written++;
        }

        private void Check()
        {
            if (Written >= linesBeforeClose)
                throw new IOException("Broken pipe");
        }
    }
}
