using System.Text;
using Orchestrator.Actors.Agent;
using Orchestrator.Adapters.Host;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>The real host adapter against a real systemd (PID 1 of a booted container), step by step.</summary>
[Trait("Category", "EndToEnd")]
public sealed class LinuxHostSystemSpecs : IAsyncLifetime
{
    private readonly SystemdContainer _container = new();
    private readonly ServiceName _demo = ServiceName.Parse("demo-service");
    private LinuxHostSystem _host = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        await _container.InitializeAsync();
        // As the agent runs with hostPID: every systemctl call made from the container's PID namespace.
        var inContainer = new ProgramRunner(_container.InContainer());
        _host = new LinuxHostSystem(new HostRoot(_container.Root), inContainer, new ProgramRunner());
        _source = DemoService.Source(Path.Combine(_container.Root, "..", "demo-source"));
    }

    public Task DisposeAsync() => _container.DisposeAsync();

    [Fact]
    public async Task A_unit_is_installed_started_restarted_by_systemd_after_a_kill_and_removed()
    {
        await _host.InstallSourceAsync(_demo, _source, default);
        await _host.WriteConfigurationAsync(_demo, [new ConfigFile("demo.conf", "version=1"u8.ToArray(), false)], default);
        await _host.WriteUnitFileAsync(_demo, DemoService.Unit(_demo), default);
        await _host.DaemonReloadAsync(default);
        await _host.EnableAndStartAsync(_demo, default);

        var running = await Eventually.Get(() => _host.ObserveAsync(_demo, default), seen => seen.IsActive,
            "the unit running", TimeSpan.FromSeconds(20));
        Assert.Equal(0, running.NRestarts);
        await Eventually.Get(() => _host.JournalTailAsync(_demo, 10, default),
            lines => lines.Any(line => line.Contains("demo started with version=1")), "the unit's journal line", TimeSpan.FromSeconds(20));

        var mainPid = int.Parse((await _container.Systemctl("show", "-p", "MainPID", "--value", _demo.UnitName)).Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        await Commands.RunCheckedAsync("kill", "-KILL", SystemdContainer.HostPidOf(mainPid).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var restarted = await Eventually.Get(() => _host.ObserveAsync(_demo, default), seen => seen.NRestarts == 1 && seen.IsActive,
            "systemd restarting the killed unit", TimeSpan.FromSeconds(20));
        Assert.Equal("running", restarted.SubState);

        await _host.StopAndDisableAsync(_demo, default);
        await _host.RemoveFilesAsync(_demo, default);
        await _host.DaemonReloadAsync(default);

        Assert.Equal("not-found", (await _host.ObserveAsync(_demo, default)).LoadState);
        Assert.False(Directory.Exists(Path.Combine(_container.Root, "opt", "demo-service")));
        Assert.False(Directory.Exists(Path.Combine(_container.Root, "etc", "demo-service")));
        Assert.False(File.Exists(Path.Combine(_container.Root, "etc", "systemd", "system", "multi-user.target.wants", _demo.UnitName)));
        await _host.StopAndDisableAsync(_demo, default); // a replayed removal finds nothing to do and does not fail
    }

    [Fact]
    public async Task A_unit_that_exits_with_an_error_is_seen_failed_with_its_exit_status()
    {
        await _host.InstallSourceAsync(_demo, _source, default);
        await _host.WriteConfigurationAsync(_demo, [new ConfigFile("demo.conf", "version=1"u8.ToArray(), false), new ConfigFile("fail", Encoding.UTF8.GetBytes("7"), false)], default);
        await _host.WriteUnitFileAsync(_demo, DemoService.Unit(_demo, restart: "no"), default);
        await _host.DaemonReloadAsync(default);
        await _host.EnableAndStartAsync(_demo, default);

        var failed = await Eventually.Get(() => _host.ObserveAsync(_demo, default), seen => seen.ActiveState == "failed",
            "the unit failing", TimeSpan.FromSeconds(20));

        Assert.Equal(7, failed.ExecMainStatus);
        Assert.True(failed.IsDown);
    }
}
