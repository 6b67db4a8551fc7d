using System.Diagnostics;
using Orchestrator.Actors.Tests.EndToEnd;

namespace Orchestrator.Actors.Tests.Faults;

/// <summary>
/// SIGINT and SIGTERM as a user, Kubernetes or systemd send them: the first stops the command gracefully with one line
/// and exit 130/143, a second ends it at once, and the same apply run again carries on from its journal. The cluster
/// is hosted by the test, so it outlives the processes (or is taken away while one runs).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SignalSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private HostedCluster _hosted = null!;

    private SimulatedCluster.SimulatedCluster Cluster => _hosted.Cluster;

    private string Folder => _hosted.Folder;

    public async Task InitializeAsync() => _hosted = await HostedCluster.StartAsync("orchestrator-signals-");

    public async Task DisposeAsync() => await _hosted.DisposeAsync();

    private string[] Apply(SimulatedCluster.SimulatedCluster cluster)
    {
        var spec = _hosted.CopySpec();
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(Folder, "kubeconfig"));
        return ["apply", "-f", spec, "--kubeconfig", kubeconfig, "--journal", "sqlite:" + Path.Combine(Folder, "journal.db"), "-o", "json", "--timeout", "90s"];
    }

    private static async Task UntilAsync(Func<bool> condition, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && !process.HasExited && clock.Elapsed < Bound)
            await Task.Delay(10);
        Assert.False(process.HasExited, "the process ended before the moment to signal it");
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_during_the_rollout_stops_apply_in_one_line_and_a_rerun_carries_on(string signal, int code)
    {
        var apply = Apply(Cluster);
        using var process = FaultRun.Start(apply);
        await UntilAsync(() => Cluster.Counters.Writes() >= 3, process);

        FaultRun.Signal(process, signal);
        var stopped = await FaultRun.FinishAsync(process, Bound);
        var resumed = await FaultRun.RunAsync(apply, Bound);

        Assert.Equal(code, stopped.ExitCode);
        Assert.Contains($"SIG{signal}: stopping", stopped.Errors);
        Assert.False(stopped.HasStackTrace, stopped.Errors);
        Assert.True(resumed.ExitCode == 0, resumed.Errors);
        Assert.Contains("\"state\": \"Ready\"", resumed.Out);
        Assert.Equal(0, Cluster.Counters.Conflicts());
    }

    [Fact]
    public async Task A_signal_in_the_first_moment_stops_apply_instead_of_running_on_to_Ready()
    {
        using var process = FaultRun.Start(Apply(Cluster));
        // The earliest moment the test can see: the journal file exists, the actor system is starting.
        await UntilAsync(() => File.Exists(Path.Combine(Folder, "journal.db")), process);

        FaultRun.Signal(process, "INT");
        var stopped = await FaultRun.FinishAsync(process, Bound);

        Assert.Equal(130, stopped.ExitCode);
        Assert.DoesNotContain("\"state\": \"Ready\"", stopped.Out);
        Assert.False(stopped.HasStackTrace, stopped.Errors);
    }

    [Fact]
    public async Task Sigterm_with_the_api_server_gone_still_stops_apply()
    {
        var doomed = await HostedCluster.StartClusterAsync();
        using var process = FaultRun.Start(Apply(doomed));
        await UntilAsync(() => doomed.Counters.Writes() >= 3, process);
        await doomed.DisposeAsync();

        FaultRun.Signal(process, "TERM");
        var stopped = await FaultRun.FinishAsync(process, TimeSpan.FromSeconds(30));

        Assert.Equal(143, stopped.ExitCode);
        Assert.False(stopped.HasStackTrace, stopped.Errors);
    }

    [Fact]
    public async Task A_second_signal_ends_apply_at_once()
    {
        using var process = FaultRun.Start(Apply(Cluster));
        await UntilAsync(() => Cluster.Counters.Writes() >= 1, process);

        FaultRun.Signal(process, "TERM");
        FaultRun.Signal(process, "TERM");
        var stopped = await FaultRun.FinishAsync(process, Bound);

        Assert.Equal(143, stopped.ExitCode);
        Assert.False(stopped.HasStackTrace, stopped.Errors);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Simulate_stops_on_a_signal_with_its_code(string signal, int code)
    {
        using var process = FaultRun.Start(["simulate", "--nodes", "3", "--kubeconfig-out", Path.Combine(Folder, "sim.kubeconfig"),
            "--hosts-dir", Path.Combine(Folder, "hosts")], Folder);
        var listening = await process.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        Assert.StartsWith("listening on", listening);

        FaultRun.Signal(process, signal);
        var stopped = await FaultRun.FinishAsync(process, Bound);

        Assert.Equal(code, stopped.ExitCode);
        Assert.Contains($"SIG{signal}: stopping", stopped.Errors);
        Assert.False(stopped.HasStackTrace, stopped.Errors);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task The_agent_stops_on_a_signal_with_its_code(string signal, int code)
    {
        var root = Directory.CreateDirectory(Path.Combine(Folder, "host")).FullName;
        var kubeconfig = Cluster.WriteKubeconfig(Path.Combine(Folder, "agent.kubeconfig"));
        using var process = FaultRun.Start(["agent", "--node", "node-1", "--host-root", root, "--kubeconfig", kubeconfig]);
        string? line;
        do
            line = await process.StandardError.ReadLineAsync().WaitAsync(Bound);
        while (line is not null && !line.Contains("started over host root", StringComparison.Ordinal));
        Assert.NotNull(line);

        FaultRun.Signal(process, signal);
        var stopped = await FaultRun.FinishAsync(process, Bound);

        Assert.Equal(code, stopped.ExitCode);
        Assert.Contains($"SIG{signal}: stopping", stopped.Errors);
        Assert.False(stopped.HasStackTrace, stopped.Errors);
    }
}
