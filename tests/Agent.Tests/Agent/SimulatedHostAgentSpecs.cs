using Akka.Actor;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Rendering;
using Orchestrator.Adapters.Host;
using Orchestrator.Agent.Tests.Systemd;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Agent.Tests.Agent;

/// <summary>
/// The agent's actor tree in this process, over a simulated host and the simulated cluster (real HTTP), with its
/// journal in a real SQLite file under the host's state folder: what `apply --simulate` runs per node.
/// </summary>
public sealed class SimulatedHostAgentSpecs : IAsyncLifetime
{
    private const string Node = "node-1";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly UnitSettings Fast = UnitSettings.Default with { PollInterval = TimeSpan.FromMilliseconds(50), MinBackoff = TimeSpan.FromMilliseconds(100) };
    private readonly string _folder = Directory.CreateTempSubdirectory("agent-simulated-").FullName;
    private HostUnitsCluster _cluster = null!;
    private SimulatedHostSystem _host = null!;
    private ActorSystem? _system;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _cluster = await HostUnitsCluster.StartAsync(_folder);
        _host = SimulatedHostSystem.ForNode(Path.Combine(_folder, "hosts"), Node, TimeProvider.System);
        _source = DemoService.Source(Path.Combine(_folder, "demo-source"));
        await _cluster.WriteConfigAsync("demo-config", Config("version=1"));
        await _cluster.WriteSecretAsync("demo-secret", Secret);
    }

    public async Task DisposeAsync()
    {
        if (_system is not null)
            await _system.Terminate();
        await _cluster.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private void StartAgent()
    {
        _system = AgentActorSystem.Create("agent-test", _host.Root);
        NodeAgent.Start(_system, Node, _host, _cluster.Kubernetes, Fast, TimeProvider.System);
    }

    private static readonly Dictionary<string, string> Secret = new() { ["password"] = "sw0rdf1sh-secret" };

    private static Dictionary<string, string> Config(string version) => new() { ["demo.conf"] = version };

    /// <summary>A unit as the renderer names it: its hashes are those of the given ConfigMap content and the Secret.</summary>
    private HostUnitSpec Unit(string name, string version = "version=1", string? source = null, string configMap = "demo-config", string port = "16509/tcp") =>
        HostUnitHash.Stamp(
            new(name, HostUnitsCluster.Namespace, source ?? _source, $"[Service]\nExecStart=/opt/{name}/bin/run\nRestart=on-failure\nRestartSec=100ms\n",
                configMap, "demo-secret", false, [port], ""),
            HostUnitHash.OfConfig(Config(version)), HostUnitHash.OfSecret(Secret, HostUnitsCluster.Key));

    private string DemoConf => File.ReadAllText(Path.Combine(_host.Root.Path, "etc", "demo", "demo.conf"));

    private Task<IReadOnlyList<HostUnitStatus>> StatusEventually(Func<IReadOnlyList<HostUnitStatus>, bool> holds, string what) =>
        Eventually.Get(() => _cluster.StatusAsync(Node), holds, what, Bound);

    [Fact]
    public async Task Hostile_entries_are_refused_in_the_status_while_a_valid_unit_runs_and_nothing_lands_outside_the_root()
    {
        StartAgent();
        await _cluster.WriteUnitsAsync(Node, Unit("demo"), Unit("../etc"), Unit("/etc/passwd"), Unit("sneaky", source: "/artifacts/../../etc"));

        var status = await StatusEventually(units => units.Count == 4 && units.Any(unit => unit.Name == "demo" && unit.Active), "the unit running and the refusals reported");

        Assert.All(status.Where(unit => unit.Name != "demo"), unit => Assert.True(unit.Failed && unit.LastError!.StartsWith("refused: ", StringComparison.Ordinal)));
        Assert.Contains("source:", status.Single(unit => unit.Name == "sneaky").LastError);
        Assert.Equal(["demo-source", "hosts", "kubeconfig"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).Order());
        Assert.Equal([Node], Directory.EnumerateFileSystemEntries(Path.Combine(_folder, "hosts")).Select(Path.GetFileName));
        Assert.Equal(["demo"], Directory.EnumerateFileSystemEntries(Path.Combine(_host.Root.Path, "opt")).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(_host.Root.Path, "opt", "sneaky")));
        Assert.Equal(["16509/tcp"], _host.NoTrackPorts(ServiceName.Parse("demo")).Select(port => port.ToString()));
    }

    [Fact]
    public async Task A_symlink_planted_at_the_config_folder_stops_the_install_and_is_reported_and_nothing_is_written_through_it()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_folder, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_host.Root.Path, "etc"));
        File.CreateSymbolicLink(Path.Combine(_host.Root.Path, "etc", "demo"), outside);
        StartAgent();
        await _cluster.WriteUnitsAsync(Node, Unit("demo"));

        var status = await StatusEventually(units => units.Any(unit => unit.LastError?.Contains("etc/demo: is a symlink") == true), "the planted link reported");

        Assert.False(status.Single().Installed);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public async Task A_crashed_unit_is_restarted_by_the_simulated_systemd_and_counted()
    {
        StartAgent();
        await _cluster.WriteUnitsAsync(Node, Unit("demo"));
        await StatusEventually(units => units.Any(unit => unit.Active), "the unit running");

        _host.Systemd.Kill(ServiceName.Parse("demo"));

        var status = await StatusEventually(units => units.Any(unit => unit.Restarts == 1 && unit.Active), "the crash restarted and counted");
        Assert.Contains("restarted by systemd", status.Single().LastError);
    }

    [Fact]
    public async Task A_config_file_edited_or_removed_on_the_host_is_put_back_by_the_agent_and_the_unit_restarted_even_after_an_agent_restart()
    {
        StartAgent();
        await _cluster.WriteUnitsAsync(Node, Unit("demo"));
        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == Unit("demo").Hash), "the unit running");
        var etc = Path.Combine(_host.Root.Path, "etc", "demo");
        var unitFile = Path.Combine(_host.Root.Path, "lib", "systemd", "system", "demo.service");
        var unitText = File.ReadAllText(unitFile);

        File.WriteAllText(Path.Combine(etc, "demo.conf"), "version=edited-by-hand");
        File.Delete(Path.Combine(etc, "password"));
        await Eventually.Get(() => Task.FromResult(DemoConf), conf => conf == "version=1", "demo.conf put back", Bound);
        await Eventually.Get(() => Task.FromResult(File.Exists(Path.Combine(etc, "password"))), back => back, "the secret file put back", Bound);
        Assert.Equal("sw0rdf1sh-secret", File.ReadAllText(Path.Combine(etc, "password")));

        // A restarted agent has no memory of what it installed: it reads the inputs again and still sees the edit.
        await _system!.Terminate();
        StartAgent();
        File.WriteAllText(unitFile, unitText + "ExecStartPre=/bin/false\n");
        File.WriteAllText(Path.Combine(etc, "planted.conf"), "x");
        await Eventually.Get(() => Task.FromResult(File.ReadAllText(unitFile) == unitText && !File.Exists(Path.Combine(etc, "planted.conf"))),
            repaired => repaired, "the unit file and folder put back after the agent's restart", Bound);
        // First start, then a restart per repair (the second follows its files, so it is waited for too).
        await Eventually.Get(() => Task.FromResult(_host.Systemd.JournalTail(ServiceName.Parse("demo"), 100)),
            journal => journal.Count(line => line.EndsWith(": Started", StringComparison.Ordinal)) >= 3, "the unit restarted after each repair", Bound);
    }

    [Fact]
    public async Task A_restarted_agent_replays_its_journal_and_does_not_restart_a_unit_that_runs_the_current_hash()
    {
        StartAgent();
        await _cluster.WriteUnitsAsync(Node, Unit("demo"));
        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == Unit("demo").Hash), "the unit running");
        await _system!.Terminate();

        StartAgent();
        var changed = Unit("demo", port: "16510/tcp");
        await _cluster.WriteUnitsAsync(Node, changed);
        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == changed.Hash), "the new hash running");

        var journal = _host.Systemd.JournalTail(ServiceName.Parse("demo"), 100);
        Assert.Equal(2, journal.Count(line => line.EndsWith(": Started", StringComparison.Ordinal))); // first start, then the hash change only
        Assert.True(File.Exists(Path.Combine(_host.Root.Path, "var", "lib", "orchestrator-agent", AgentActorSystem.JournalFile)));
    }

    [Fact]
    public async Task A_unit_whose_config_map_is_missing_waits_reports_why_and_installs_once_it_appears()
    {
        StartAgent();
        await _cluster.WriteUnitsAsync(Node, Unit("demo", version: "late", configMap: "later-config"));

        var waiting = await StatusEventually(units => units.Any(unit => unit.LastError?.Contains("later-config: not found") == true), "the missing ConfigMap reported");
        Assert.False(waiting.Single().Installed);
        await _cluster.WriteConfigAsync("later-config", Config("late"));

        await StatusEventually(units => units.Any(unit => unit.Active), "the unit running once its ConfigMap exists");
        Assert.Equal("late", File.ReadAllText(Path.Combine(_host.Root.Path, "etc", "demo", "demo.conf")));
    }

    [Fact]
    public async Task HostUnits_naming_new_content_before_the_ConfigMap_holds_it_keeps_the_old_files_says_why_and_installs_once_it_lands()
    {
        StartAgent();
        var first = Unit("demo");
        await _cluster.WriteUnitsAsync(Node, first);
        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == first.Hash), "the unit running version 1");

        var second = Unit("demo", version: "version=2");
        await _cluster.WriteUnitsAsync(Node, second); // the NodeSupervisor's write landed first

        var waiting = await StatusEventually(units => units.Any(unit => unit.LastError?.StartsWith("waiting for ConfigMap demo-config to carry hash", StringComparison.Ordinal) == true),
            "the wait for the ConfigMap reported");
        Assert.Equal(first.Hash, waiting.Single().ObservedHash); // never the new hash over the old files
        Assert.False(waiting.Single().Failed);
        Assert.Contains($"carry hash {second.ConfigHash![..8]} (has {first.ConfigHash![..8]})", waiting.Single().LastError);
        Assert.Equal("version=1", DemoConf);

        await _cluster.WriteConfigAsync("demo-config", Config("version=2")); // the ServiceSupervisor's write
        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == second.Hash && unit.LastError is null), "version 2 running");
        Assert.Equal("version=2", DemoConf);
    }

    [Fact]
    public async Task A_ConfigMap_changed_before_HostUnits_is_not_installed_under_the_old_hash_and_is_installed_under_the_new_one()
    {
        StartAgent();
        var first = Unit("demo");
        await _cluster.WriteUnitsAsync(Node, first);
        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == first.Hash), "the unit running version 1");

        await _cluster.WriteConfigAsync("demo-config", Config("version=2")); // the ServiceSupervisor's write landed first
        var second = Unit("demo", version: "version=2");
        await _cluster.WriteUnitsAsync(Node, second);

        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == second.Hash), "version 2 running");
        Assert.Equal("version=2", DemoConf);
    }

    [Fact]
    public async Task A_config_change_racing_a_crash_of_the_unit_ends_with_the_new_files_under_the_new_hash_and_never_reports_the_new_hash_over_old_files()
    {
        StartAgent();
        var first = Unit("demo");
        await _cluster.WriteUnitsAsync(Node, first);
        await StatusEventually(units => units.Any(unit => unit.Active && unit.ObservedHash == first.Hash), "the unit running version 1");

        var second = Unit("demo", version: "version=2");
        await _cluster.WriteUnitsAsync(Node, second);
        _host.Systemd.Kill(ServiceName.Parse("demo")); // the unit crashes while its new configuration is on its way

        // Every report seen on the way: whenever the new hash is reported, the new file is on the host.
        var newFilesUnderNewHash = true;
        bool Check(IReadOnlyList<HostUnitStatus> units)
        {
            if (units.Single().ObservedHash == second.Hash)
                newFilesUnderNewHash &= DemoConf == "version=2";
            return true;
        }
        await StatusEventually(units => Check(units) && (units.Single().ObservedHash == second.Hash ||
            units.Single().LastError?.StartsWith("waiting for ConfigMap", StringComparison.Ordinal) == true), "the agent acting on the new hash");
        await _cluster.WriteConfigAsync("demo-config", Config("version=2"));

        var status = await StatusEventually(units => Check(units) && units.Single().Active && units.Single().ObservedHash == second.Hash,
            "version 2 running after the crash");
        Assert.True(newFilesUnderNewHash, "the new hash was reported while the host held the old file");
        Assert.False(status.Single().Failed);
        Assert.Equal("version=2", DemoConf);
    }
}
