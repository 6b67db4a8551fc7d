using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using Orchestrator.Actors.Agent;
using Orchestrator.Adapters.Host;
using Orchestrator.Bench.Processes;

namespace Orchestrator.Bench.Agent;

/// <summary>
/// A host unit's install and start as the node agent does it (its UnitSupervisor's steps: copy the virtualenv with
/// the real SourceCopy, write the configuration and the unit file, daemon-reload, enable --now, observe it active) on
/// a fresh simulated host, against `cp -a` of the same tree to the same disk.
/// </summary>
public sealed class AgentInstallFigure : IBenchFigure
{
    private const string Unit = "[Unit]\nDescription=bench service\n[Service]\nExecStart=/opt/bench-service/bin/python3 -m bench\nRestart=always\n"
        + "[Install]\nWantedBy=multi-user.target\n";

    public string Name => "agent_install_seconds";

    public string What => "a host unit's install and start on a simulated host (50 MB virtualenv tree) vs cp -a of the same tree";

    public Task<FigureResult> RunAsync(BenchRun run, CancellationToken cancellationToken) =>
        OperatingSystem.IsLinux()
            ? MeasureAsync(run, cancellationToken)
            : Task.FromResult(FigureResult.Skip(Name, "none", "none", "simulated hosts are Linux file trees (file modes, links, renameat2)"));

    [SupportedOSPlatform("linux")]
    private async Task<FigureResult> MeasureAsync(BenchRun run, CancellationToken cancellationToken)
    {
        var folder = run.FolderFor(Name);
        var megabytes = run.Quick ? 5 : 50;
        var (files, bytes) = VirtualenvTree.Write(Path.Combine(folder, "artifacts", "bench-service"), megabytes * 1024L * 1024);
        run.Report(Name, $"a {bytes / (1024.0 * 1024):0} MB tree of {files} files: install and start x {run.Repetitions}, each against cp -a");
        var service = ServiceName.Parse("bench-service");
        var config = new List<ConfigFile>
        {
            new("bench.conf", Encoding.UTF8.GetBytes("[DEFAULT]\ndebug = false\n" + new string('#', 4_000) + "\n"), false),
            new("db-password", Encoding.UTF8.GetBytes("not-a-real-password"), true),
        };
        var stages = new Dictionary<string, Samples>();
        void Stage(string stage, Stopwatch clock)
        {
            (stages.TryGetValue(stage, out var samples) ? samples : stages[stage] = new Samples()).Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
        }

        var (value, baseline) = await PairedRuns.MeasureAsync(run.Repetitions,
            async Task<double> (int i) =>
            {
                var host = SimulatedHostSystem.ForNode(Path.Combine(folder, "hosts"), $"node-{i}", TimeProvider.System, folder);
                var total = Stopwatch.StartNew();
                var clock = Stopwatch.StartNew();
                await host.InstallSourceAsync(service, "/artifacts/bench-service", cancellationToken);
                Stage("copy the tree (SourceCopy)", clock);
                await host.WriteConfigurationAsync(service, config, cancellationToken);
                await host.WriteUnitFileAsync(service, Unit, cancellationToken);
                await host.SetNoTrackPortsAsync(service, [], cancellationToken);
                await host.DaemonReloadAsync(cancellationToken);
                Stage("configuration, unit file, daemon-reload", clock);
                await host.EnableAndStartAsync(service, cancellationToken);
                var observed = await host.ObserveAsync(service, cancellationToken);
                Stage("enable --now and observe", clock);
                if (!observed.IsActive)
                    throw new InvalidOperationException($"the simulated unit is {observed.ActiveState} after its start");
                return total.Elapsed.TotalSeconds;
            },
            async Task<double> (int i) =>
            {
                var target = Path.Combine(folder, "copies", $"copy-{i}");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var (exit, output, seconds, _) = await ChildProcess.RunAsync("cp", ["-a", Path.Combine(folder, "artifacts", "bench-service"), target],
                    TimeSpan.FromMinutes(5), cancellationToken);
                if (exit != 0)
                    throw new InvalidOperationException($"cp -a exited {exit}: {output}");
                return seconds;
            });
        var measurements = new List<Measurement>
        {
            new($"install and start, {bytes / (1024.0 * 1024):0} MB in {files} files", value.Median, baseline.Median, "s", "cp -a of the same tree",
                [GoalCondition.RatioAtMost(1.5)], run.Repetitions),
        };
        var notes = new List<string>
        {
            PairedRuns.Spread("install and start", value, baseline, "s"),
            "stages of the install (medians): " + string.Join(", ", stages.Select(s => $"{s.Key} {s.Value.Median:0.000}s")),
            "cp -a is timed as a whole process (its start included); the install runs in this process on the same disk, into a fresh host root each time",
        };
        return new FigureResult(Name, "none (a simulated host: files under the work folder, simulated systemd)", "none", measurements, notes);
    }
}
