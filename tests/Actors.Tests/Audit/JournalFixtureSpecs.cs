using System.Text.Json;
using Orchestrator.Audit;
using Orchestrator.Cli;
using Orchestrator.Hosting;
using Orchestrator.Messages.Deployments;
using Orchestrator.Messages.Services;

namespace Orchestrator.Actors.Tests.Audit;

/// <summary>
/// The journal format is a contract: Fixtures/journal-v1.db was written by the orchestrator before this version
/// (apply of journal-v1.yaml against `simulate --crash-loop openstack/keystone --error-rate 0.05`, killed -9 once
/// after its first event, then applied again), and every later version must still read it: status, audit, --at and
/// explain. Its deployment-accepted events are v1 (no namespace) and are upcast when read.
/// </summary>
public sealed class JournalFixtureSpecs
{
    private static readonly DateTimeOffset First = DateTimeOffset.Parse("2026-12-01T16:31:20.275Z");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T00:00:00Z");

    [Fact]
    public async Task Status_of_the_v1_journal_is_what_its_apply_ended_with()
    {
        var hocon = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, AkkaConfigFile.FileName));
        await using var reader = await JournalReader.OpenAsync(JournalLocation.Parse(AuditCli.FixtureJournal()).Location!, hocon, CancellationToken.None);
        var journal = await reader.ReadAllAsync(CancellationToken.None);

        var status = RecordedStatus.From(journal);

        Assert.Equal(21, journal.Count);
        Assert.Equal(DeploymentStatus.Degraded, status.Status);
        Assert.Equal(["memcached:Ready", "keystone:Degraded", "glance-api:WaitingForDependencies"], status.Services.Select(s => $"{s.ServiceName}:{s.Status}"));
        Assert.Contains("crash-looping", status.Services[1].Reason);
        Assert.All(status.Nodes, n => Assert.Equal("Ready", n.Status.ToString()));
        var accepted = Assert.IsType<DeploymentAccepted>(journal.Single(e => e.PersistenceId == "deployment-coordinator" && e.SequenceNr == 1).Event);
        Assert.Null(accepted.Namespace); // upcast from deployment-accepted.v1, which had no namespace
        Assert.Equal("cloud", accepted.Deployment);
    }

    [Fact]
    public async Task Audit_tells_the_whole_story_in_time_order_one_line_of_at_most_80_columns_per_event()
    {
        var audit = await AuditCli.AuditAsync(new AuditCommand.Arguments(AuditCli.FixtureJournal()), Now);

        Assert.Equal(0, audit.ExitCode);
        var events = audit.Lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal) && !l.StartsWith("TIME", StringComparison.Ordinal)).ToList();
        Assert.Equal(21, events.Count);
        Assert.All(audit.Lines, l => Assert.True(l.Length <= TimelineLines.Width, $"{l.Length} columns: {l}"));
        Assert.StartsWith("deployment/cloud", events[0][9..]);
        Assert.Contains("pod keystone-", events.Single(l => l.Contains("service/keystone") && l.Contains("degraded")));
        Assert.DoesNotContain("fixture-s3cret-value", audit.Out);
    }

    [Fact]
    public async Task Audit_wide_shows_every_field_whole()
    {
        var wide = await AuditCli.AuditAsync(new AuditCommand.Arguments(AuditCli.FixtureJournal(), Output: "wide"), Now);

        Assert.True(wide.ExitCode == 0 && wide.Lines.Length == 22, $"exit {wide.ExitCode}, {wide.Lines.Length} lines: {wide.Error}{wide.Out}");

        var degraded = wide.Lines.Single(l => l.Contains("service/keystone  service-degraded"));
        Assert.Contains("cloud  service/keystone  service-degraded  observed  [pod keystone-", degraded);
        Assert.Contains("crash-looping, 1 restarts]", degraded);
    }

    [Fact]
    public async Task Audit_json_is_one_object_per_event_with_the_documented_fields_and_filters_narrow_it()
    {
        var journal = AuditCli.FixtureJournal();
        var all = await AuditCli.AuditAsync(new AuditCommand.Arguments(journal, Output: "json"), Now);
        var keystone = await AuditCli.AuditAsync(new AuditCommand.Arguments(journal, Service: "keystone", Output: "json"), Now);
        var window = await AuditCli.AuditAsync(new AuditCommand.Arguments(journal, Since: "2026-12-01T16:31:24.4Z", Until: "2026-12-01T16:31:24.71Z", Output: "json"), Now);
        var byDeployment = await AuditCli.AuditAsync(new AuditCommand.Arguments(journal, Deployment: "openstack/cloud", Output: "json"), Now);

        var first = JsonDocument.Parse(all.Lines[0]).RootElement;
        Assert.Equal(["time", "deployment", "kind", "name", "event", "cause", "detail", "persistenceId", "sequenceNr"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("deployment-accepted", first.GetProperty("event").GetString());
        Assert.Equal(21, all.Lines.Length);
        Assert.Equal(5, keystone.Lines.Length);
        Assert.All(keystone.Lines, l => Assert.Equal("keystone", JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()));
        Assert.Equal(["service-ready", "service-apply-started", "service-objects-applied"],
            window.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()));
        // A v1 journal never recorded the namespace: its events belong to the deployment they name.
        Assert.Equal(21, byDeployment.Lines.Length);
    }

    [Fact]
    public async Task Audit_at_rebuilds_every_part_at_past_instants()
    {
        var journal = AuditCli.FixtureJournal();
        async Task<JsonElement> At(string instant) =>
            JsonDocument.Parse((await AuditCli.AuditAsync(new AuditCommand.Arguments(journal, At: instant, Output: "json"), Now)).Out).RootElement;

        var killed = await At("2026-12-01T16:31:22Z");
        var waiting = await At("2026-12-01T16:31:23.9Z");
        var end = await At("2026-12-01T16:31:30Z");

        Assert.Equal("Progressing", killed.GetProperty("state").GetString());
        Assert.All(killed.GetProperty("services").EnumerateArray(), s => Assert.Equal("Pending", s.GetProperty("state").GetString()));
        Assert.Equal(["Applying", "WaitingForDependencies", "WaitingForDependencies"],
            waiting.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal("Degraded", end.GetProperty("state").GetString());
        Assert.Equal("Degraded", end.GetProperty("services")[1].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Explain_follows_a_crash_looping_service_back_to_the_spec_and_a_waiting_one_to_what_it_waits_for()
    {
        var journal = AuditCli.FixtureJournal();

        var keystone = await AuditCli.ExplainAsync(new ExplainCommand.Arguments("keystone", journal), Now);
        var glance = await AuditCli.ExplainAsync(new ExplainCommand.Arguments("glance-api", journal), Now);
        var earlier = await AuditCli.ExplainAsync(new ExplainCommand.Arguments("keystone", journal, At: "2026-12-01T16:31:24.500Z"), Now);
        var node = await AuditCli.ExplainAsync(new ExplainCommand.Arguments("node/node-1", journal), Now);

        Assert.Equal(0, keystone.ExitCode);
        Assert.Matches("^service keystone Degraded since .*crash-looping", keystone.Lines[1]);
        Assert.Equal(["service-degraded", "service-objects-applied", "service-apply-started", "service-waiting-for-dependencies", "service-spec-changed"],
            keystone.Lines.Where(l => l.TrimStart().StartsWith("<-", StringComparison.Ordinal) && !l.Contains("deployment ")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].TrimEnd(':')));
        Assert.Contains("deployment cloud accepted its spec", keystone.Lines[^1]);
        Assert.Contains("service glance-api WaitingForDependencies", glance.Out);
        Assert.Contains("waits for keystone, not Ready:", glance.Out);
        Assert.Contains("    service keystone Degraded", glance.Out);
        Assert.Contains("crash-looping", glance.Out);
        Assert.Contains("service keystone WaitingForDependencies", earlier.Out);
        Assert.Contains("waits for memcached, Ready", earlier.Out);
        Assert.Contains("node node-1 Ready", node.Out);
        Assert.DoesNotContain("fixture-s3cret-value", keystone.Out + glance.Out);
    }
}
