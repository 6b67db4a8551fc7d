using System.Collections.Concurrent;
using System.Runtime.Versioning;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// A simulated host for `apply --simulate` and `orchestrator simulate`: the same file code as the real host,
/// under .orchestrator/hosts/&lt;node&gt;/, with <see cref="SimulatedSystemd"/> in place of systemd and the
/// NOTRACK rules kept in memory (a simulated host has no firewall of its own to change).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SimulatedHostSystem : IHostSystem
{
    private readonly SourceCopy _source;
    private readonly ServiceFiles _files;
    private readonly ConcurrentDictionary<string, IReadOnlyList<PortRule>> _noTrack = new(StringComparer.Ordinal);

    /// <param name="artifactsRoot">Where the simulated agent finds the services' sources: a simulated node has no
    /// agent container image, so `source: /artifacts/x` is read as &lt;artifactsRoot&gt;/artifacts/x.</param>
    public SimulatedHostSystem(HostRoot root, TimeProvider time, string artifactsRoot = "/")
    {
        Root = root;
        _source = new SourceCopy(root, artifactsRoot);
        _files = new ServiceFiles(root);
        Systemd = new SimulatedSystemd(root, time);
    }

    public HostRoot Root { get; }

    /// <summary>The stand-in systemd, so a simulation (or a test) can crash a unit's "process".</summary>
    public SimulatedSystemd Systemd { get; }

    /// <summary>A simulated host for a node, its root at &lt;folder&gt;/&lt;node&gt; (created when missing).</summary>
    public static SimulatedHostSystem ForNode(string hostsFolder, string node, TimeProvider time, string artifactsRoot = "/")
    {
        var folder = Path.Combine(Path.GetFullPath(hostsFolder), node);
        Directory.CreateDirectory(folder);
        return new SimulatedHostSystem(new HostRoot(folder), time, Path.GetFullPath(artifactsRoot));
    }

    public IReadOnlyList<PortRule> NoTrackPorts(ServiceName service) => _noTrack.GetValueOrDefault(service.Value, []);

    public Task<bool> InstallSourceAsync(ServiceName service, string sourceFolder, CancellationToken cancellationToken) =>
        Task.Run(() => _source.Install(service, sourceFolder), cancellationToken);

    public Task<bool> WriteConfigurationAsync(ServiceName service, IReadOnlyList<ConfigFile> files, CancellationToken cancellationToken) =>
        Task.Run(() => _files.WriteConfiguration(service, files), cancellationToken);

    public Task<bool> WriteUnitFileAsync(ServiceName service, string unitText, CancellationToken cancellationToken) =>
        Task.Run(() => _files.WriteUnitFile(service, unitText), cancellationToken);

    public Task<IReadOnlyList<string>> FindDriftAsync(ServiceName service, IReadOnlyList<ConfigFile> files, string unitText, CancellationToken cancellationToken) =>
        Task.Run(() => _files.Drift(service, files, unitText), cancellationToken);

    public Task DaemonReloadAsync(CancellationToken cancellationToken) => Task.Run(Systemd.DaemonReload, cancellationToken);

    public Task EnableAndStartAsync(ServiceName service, CancellationToken cancellationToken) =>
        Task.Run(() => Systemd.EnableAndStart(service), cancellationToken);

    public Task RestartAsync(ServiceName service, CancellationToken cancellationToken) =>
        Task.Run(() => Systemd.Restart(service), cancellationToken);

    public Task StopAndDisableAsync(ServiceName service, CancellationToken cancellationToken) =>
        Task.Run(() => Systemd.StopAndDisable(service), cancellationToken);

    public Task RemoveFilesAsync(ServiceName service, CancellationToken cancellationToken) =>
        Task.Run(() => _files.Remove(service), cancellationToken);

    public Task<UnitObservation> ObserveAsync(ServiceName service, CancellationToken cancellationToken) =>
        Task.FromResult(Systemd.Observe(service));

    public Task<IReadOnlyList<string>> JournalTailAsync(ServiceName service, int lines, CancellationToken cancellationToken) =>
        Task.FromResult(Systemd.JournalTail(service, lines));

    public Task<bool> SetNoTrackPortsAsync(ServiceName service, IReadOnlyList<PortRule> ports, CancellationToken cancellationToken)
    {
        var current = NoTrackPorts(service);
        if (current.SequenceEqual(ports))
            return Task.FromResult(false);
        if (ports.Count == 0)
            _noTrack.TryRemove(service.Value, out _);
        else
            _noTrack[service.Value] = ports.ToList();
        return Task.FromResult(true);
    }
}
