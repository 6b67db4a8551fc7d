using System.Runtime.Versioning;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// The real host: files under the host root, systemd through `chroot &lt;root&gt; systemctl`, NOTRACK rules
/// through nft in the agent's network namespace (the host's, with hostNetwork).
/// </summary>
[SupportedOSPlatform("linux")]
/// <param name="sourceRoots">The folders of the agent's container that sources may be copied from (its `--source-root`s).</param>
public sealed class LinuxHostSystem(HostRoot root, ProgramRunner runner, ProgramRunner firewallRunner, IReadOnlyList<string>? sourceRoots = null) : IHostSystem
{
    private readonly SourceCopy _source = new(root, "/", sourceRoots);
    private readonly ServiceFiles _files = new(root);
    private readonly ChrootSystemctl _systemctl = new(root.Path, runner);
    private readonly NftNoTrackRules _noTrack = new(firewallRunner);

    public LinuxHostSystem(HostRoot root, IReadOnlyList<string>? sourceRoots = null)
        : this(root, new ProgramRunner(), new ProgramRunner(), sourceRoots)
    {
    }

    public Task<bool> InstallSourceAsync(ServiceName service, string sourceFolder, CancellationToken cancellationToken) =>
        Task.Run(() => _source.Install(service, sourceFolder), cancellationToken);

    public Task<bool> WriteConfigurationAsync(ServiceName service, IReadOnlyList<ConfigFile> files, CancellationToken cancellationToken) =>
        Task.Run(() => _files.WriteConfiguration(service, files), cancellationToken);

    public Task<bool> WriteUnitFileAsync(ServiceName service, string unitText, CancellationToken cancellationToken) =>
        Task.Run(() => _files.WriteUnitFile(service, unitText), cancellationToken);

    public Task<IReadOnlyList<string>> FindDriftAsync(ServiceName service, IReadOnlyList<ConfigFile> files, string unitText, CancellationToken cancellationToken) =>
        Task.Run(() => _files.Drift(service, files, unitText), cancellationToken);

    public Task DaemonReloadAsync(CancellationToken cancellationToken) => _systemctl.DaemonReloadAsync(cancellationToken);

    public Task EnableAndStartAsync(ServiceName service, CancellationToken cancellationToken) =>
        _systemctl.EnableAndStartAsync(service, cancellationToken);

    public Task RestartAsync(ServiceName service, CancellationToken cancellationToken) => _systemctl.RestartAsync(service, cancellationToken);

    public Task StopAndDisableAsync(ServiceName service, CancellationToken cancellationToken) =>
        _systemctl.StopAndDisableAsync(service, cancellationToken);

    public Task RemoveFilesAsync(ServiceName service, CancellationToken cancellationToken) =>
        Task.Run(() => _files.Remove(service), cancellationToken);

    public Task<UnitObservation> ObserveAsync(ServiceName service, CancellationToken cancellationToken) =>
        _systemctl.ObserveAsync(service, cancellationToken);

    public Task<IReadOnlyList<string>> JournalTailAsync(ServiceName service, int lines, CancellationToken cancellationToken) =>
        _systemctl.JournalTailAsync(service, lines, cancellationToken);

    public Task<bool> SetNoTrackPortsAsync(ServiceName service, IReadOnlyList<PortRule> ports, CancellationToken cancellationToken) =>
        _noTrack.SetAsync(service, ports, cancellationToken);
}
