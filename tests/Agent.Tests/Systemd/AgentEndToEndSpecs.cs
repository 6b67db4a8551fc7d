using System.Globalization;
using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.HostUnits;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>
/// The `orchestrator agent` process on a real systemd: a booted Debian container as the host, a simulated
/// cluster (over HTTP) holding the node's HostUnits, and the agent in the container's PID namespace and in a
/// network namespace of the test's own (linked by a veth pair and a forwarder to the API server on 127.0.0.1),
/// where its NOTRACK rules land. Each test gets a fresh container, cluster and namespace.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AgentEndToEndSpecs : IAsyncLifetime
{
    private const string Node = "node-1";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly SystemdContainer _container = new();
    private readonly NetworkNamespace _network = new();
    private TcpForwarder? _forwarder;
    private string _kubeconfig = null!;
    private HostUnitsCluster? _cluster;
    private AgentProcess? _agent;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await _container.InitializeAsync();
            _cluster = await HostUnitsCluster.StartAsync(Path.Combine(_container.Root, ".."));
            await _network.InitializeAsync();
            await _network.ConnectAsync();
            _forwarder = new TcpForwarder(_network.HostAddress!, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, _cluster!.Cluster.BaseUri.Port));
            _kubeconfig = HostUnitsCluster.WriteKubeconfig(Path.Combine(_container.Root, "..", "agent.kubeconfig"),
                new Uri($"http://{_forwarder.Endpoint}"));
            _source = DemoService.Source(Path.Combine(_container.Root, "..", "demo-source"));
        }
        catch
        {
            await DisposeAsync(); // whatever was set up before the failure is still taken down
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
            await _agent.DisposeAsync();
        if (_forwarder is not null)
            await _forwarder.DisposeAsync();
        if (_network.HostAddress is not null || Directory.Exists($"/run/netns/{_network.Name}"))
            await _network.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        await _container.DisposeAsync();
    }

    private static readonly Dictionary<string, string> DemoSecret = new() { ["password"] = "sw0rdf1sh-secret" };

    private static Dictionary<string, string> DemoConfig(string version, string? fail)
    {
        var data = new Dictionary<string, string> { ["demo.conf"] = version };
        if (fail is not null)
            data["fail"] = fail;
        return data;
    }

    /// <summary>The demo unit as the renderer names it: its hashes are those of this configuration's content.</summary>
    private HostUnitSpec Demo(string version, string? fail = null, bool conntrack = true, string restart = "on-failure") =>
        HostUnitHash.Stamp(
            new("demo", HostUnitsCluster.Namespace, _source, DemoService.Unit(Actors.Agent.ServiceName.Parse("demo"), restart),
                "demo-config", "demo-secret", conntrack, ["5900-5999/tcp", "4789/udp"], ""),
            HostUnitHash.OfConfig(DemoConfig(version, fail)), HostUnitHash.OfSecret(DemoSecret, HostUnitsCluster.Key));

    private void StartAgent() => _agent = AgentProcess.Start(_container, _network, Node, _kubeconfig);

    private async Task<HostUnitStatus> StatusEventually(Func<HostUnitStatus, bool> holds, string what)
    {
        try
        {
            var units = await Eventually.Get(() => _cluster!.StatusAsync(Node),
                units => units.Any(unit => unit.Name == "demo" && holds(unit)) || _agent?.HasExited == true, what, Bound);
            Assert.False(_agent?.HasExited, "the agent exited:\n" + _agent?.Output);
            return units.Single(unit => unit.Name == "demo");
        }
        catch (TimeoutException error)
        {
            throw new TimeoutException(error.Message + "\nstatus: " + string.Join("; ", await _cluster!.StatusAsync(Node)) +
                "\nagent output:\n" + _agent?.Output, error);
        }
    }

    private async Task<string> Journal() =>
        await Commands.RunCheckedAsync(_container.InContainer("chroot", _container.Root, "journalctl", "-u", "demo.service", "--no-pager", "-q"));

    private async Task WriteDemoConfig(string version, string? fail = null)
    {
        await _cluster!.WriteConfigAsync("demo-config", DemoConfig(version, fail));
        await _cluster!.WriteSecretAsync("demo-secret", DemoSecret);
    }

    [Fact]
    public async Task A_unit_is_installed_run_by_systemd_restarted_after_a_kill_restarted_on_a_config_change_and_removed()
    {
        await WriteDemoConfig("version=1");
        await _cluster!.WriteUnitsAsync(Node, Demo("version=1", conntrack: false));
        StartAgent();

        var installed = await StatusEventually(unit => unit.Active && unit.ObservedHash == Demo("version=1", conntrack: false).Hash, "the unit installed and active");
        Assert.True(installed.Installed);
        Assert.Equal("active", (await _container.Systemctl("is-active", "demo.service")).Trim());
        Assert.Equal("enabled", (await _container.Systemctl("is-enabled", "demo.service")).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_container.Root, "etc", "demo", "password")));
        Assert.Contains("demo started with version=1", await Journal());
        Assert.Equal(4, (await NoTrackRules()).Length);

        // systemd's own restart (Restart=on-failure) of a killed process, seen and counted by the agent.
        var firstPid = await MainPid();
        await Commands.RunCheckedAsync("kill", "-KILL", SystemdContainer.HostPidOf(firstPid).ToString(CultureInfo.InvariantCulture));
        var restarted = await StatusEventually(unit => unit.Restarts >= 1 && unit.Active, "the killed unit restarted and counted");
        Assert.NotEqual(firstPid, await MainPid());
        Assert.False(restarted.Failed);

        // A new configuration and hash: files rewritten, the unit restarted with them.
        var beforeChange = await MainPid();
        await WriteDemoConfig("version=2");
        await _cluster!.WriteUnitsAsync(Node, Demo("version=2", conntrack: false));
        await StatusEventually(unit => unit.ObservedHash == Demo("version=2", conntrack: false).Hash && unit.Active, "the unit restarted with the new hash");
        Assert.Equal("version=2", File.ReadAllText(Path.Combine(_container.Root, "etc", "demo", "demo.conf")));
        Assert.NotEqual(beforeChange, await MainPid());
        await Eventually.Get(Journal, journal => journal.Contains("demo started with version=2"), "the restarted unit logging version=2", Bound);

        // Removal: stopped, disabled, files and rules gone, and its entry gone from the status.
        await _cluster!.WriteUnitsAsync(Node);
        await Eventually.Get(() => _cluster!.StatusAsync(Node), units => units.Count == 0, "the unit's status entry gone", Bound);
        Assert.Contains("LoadState=not-found", await _container.Systemctl("show", "-p", "LoadState", "demo.service"));
        Assert.False(Directory.Exists(Path.Combine(_container.Root, "opt", "demo")));
        Assert.False(Directory.Exists(Path.Combine(_container.Root, "etc", "demo")));
        Assert.False(File.Exists(Path.Combine(_container.Root, "lib", "systemd", "system", "demo.service")));
        Assert.Empty(await NoTrackRules());
    }

    [Fact]
    public async Task A_unit_that_keeps_failing_is_reported_failed_and_neither_its_journal_nor_the_secret_reaches_the_status()
    {
        await WriteDemoConfig("version=1", fail: "3");
        await _cluster!.WriteUnitsAsync(Node, Demo("version=1", fail: "3"));
        StartAgent();

        var failed = await StatusEventually(unit => unit.Failed, "the unit reported failed");

        Assert.False(failed.Active);
        Assert.Contains("its journal: journalctl -u demo.service on the node", failed.LastError);
        Assert.DoesNotContain("connecting with password", failed.LastError);
        Assert.DoesNotContain("sw0rdf1sh-secret", failed.LastError);
        Assert.DoesNotContain("sw0rdf1sh-secret", _agent!.Output);
    }

    [Fact]
    public async Task A_config_file_edited_and_a_secret_file_removed_by_hand_are_put_back_and_the_unit_restarted_with_them()
    {
        await WriteDemoConfig("version=1");
        await _cluster!.WriteUnitsAsync(Node, Demo("version=1"));
        StartAgent();
        await StatusEventually(unit => unit.Active && unit.ObservedHash == Demo("version=1").Hash, "the unit installed and active");
        var before = await MainPid();
        var etc = Path.Combine(_container.Root, "etc", "demo");

        File.WriteAllText(Path.Combine(etc, "demo.conf"), "version=edited-by-hand");
        File.Delete(Path.Combine(etc, "password"));

        await Eventually.Get(() => Task.FromResult(File.Exists(Path.Combine(etc, "password")) && File.ReadAllText(Path.Combine(etc, "demo.conf")) == "version=1"),
            repaired => repaired, "the edited and the removed file put back", Bound);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(etc, "password")));
        await StatusEventually(unit => unit.Active, "the unit active again");
        await Eventually.Get(MainPid, pid => pid != before && pid != 0, "the unit restarted on the repaired files", Bound);
        // Named in the agent's journal events (and so its log): in one repair or two, as the looks fell between the edits.
        Assert.Contains("drift on the host: etc/demo/demo.conf edited", _agent!.Output);
        Assert.Contains("etc/demo/password removed", _agent!.Output);
    }

    [Fact]
    public async Task An_agent_killed_in_the_middle_of_an_install_finishes_it_after_a_restart_and_starts_the_unit_once()
    {
        // A source big enough that the copy to a temporary folder beside /opt/demo is seen in progress.
        for (var i = 0; i < 4000; i++)
            File.WriteAllText(Path.Combine(_source, $"module-{i}.py"), new string('x', 2048));
        await WriteDemoConfig("version=1");
        await _cluster!.WriteUnitsAsync(Node, Demo("version=1"));
        StartAgent();

        var opt = Path.Combine(_container.Root, "opt");
        await Eventually.Get(() => Task.FromResult(Directory.Exists(opt) && Directory.EnumerateDirectories(opt, ".demo.tmp-*").Any()),
            copying => copying, "the copy of the source in progress", Bound);
        await _agent!.KillAsync();
        Assert.False(Directory.Exists(Path.Combine(opt, "demo"))); // killed before the switch: nothing half-copied in place

        StartAgent();
        await StatusEventually(unit => unit.Active && unit.ObservedHash == Demo("version=1").Hash, "the install finished after the restart");

        Assert.Empty(Directory.EnumerateFileSystemEntries(opt, ".*"));
        Assert.Equal(4001, Directory.EnumerateFileSystemEntries(Path.Combine(opt, "demo")).Count());
        // systemd's journal may take a moment to hold the unit's first line after the unit is active: wait for it, then count.
        var journal = await Eventually.Get(Journal, text => text.Contains("demo started with version=1"), "the unit's start in systemd's journal", Bound);
        Assert.Equal(1, journal.Split('\n').Count(line => line.Contains("demo started with version=1")));
    }

    [Fact]
    public async Task HostUnits_written_before_the_ConfigMap_leave_the_unit_on_its_old_files_until_the_new_content_lands_then_restart_it_with_it()
    {
        await WriteDemoConfig("version=1");
        await _cluster!.WriteUnitsAsync(Node, Demo("version=1"));
        StartAgent();
        await StatusEventually(unit => unit.Active && unit.ObservedHash == Demo("version=1").Hash, "version 1 running");

        await _cluster!.WriteUnitsAsync(Node, Demo("version=2")); // HostUnits first: the agent must not install version 1 as 2
        var waiting = await StatusEventually(unit => unit.LastError?.StartsWith("waiting for ConfigMap demo-config", StringComparison.Ordinal) == true,
            "the wait for the ConfigMap reported");
        Assert.Equal(Demo("version=1").Hash, waiting.ObservedHash);
        Assert.Equal("version=1", File.ReadAllText(Path.Combine(_container.Root, "etc", "demo", "demo.conf")));
        Assert.DoesNotContain("demo started with version=2", await Journal());

        await WriteDemoConfig("version=2");
        await StatusEventually(unit => unit.Active && unit.ObservedHash == Demo("version=2").Hash, "version 2 running");
        Assert.Equal("version=2", File.ReadAllText(Path.Combine(_container.Root, "etc", "demo", "demo.conf")));
        var starts = (await Eventually.Get(Journal, journal => journal.Contains("demo started with version=2"), "the unit logging version=2", Bound))
            .Split('\n').Where(line => line.Contains("demo started with")).ToList();
        Assert.EndsWith("demo started with version=2", starts[^1]);
    }

    private async Task<string[]> NoTrackRules() =>
        (await _network.Nft("list", "table", "inet", "orchestrator_agent")).Split('\n')
            .Where(line => line.Contains("notrack comment \"orchestrator-agent:demo\"")).ToArray();

    private async Task<int> MainPid() =>
        int.Parse((await _container.Systemctl("show", "-p", "MainPID", "--value", "demo.service")).Trim(), CultureInfo.InvariantCulture);
}
