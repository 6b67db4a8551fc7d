using Orchestrator.Actors.Agent;

namespace Orchestrator.Actors.Ports;

/// <summary>
/// The node agent's port to its host: files under the host root, systemd through `chroot &lt;root&gt; systemctl`,
/// the unit's journal, and the raw-table NOTRACK rules of its ports. Every method is idempotent, because a
/// replayed journal repeats the last step. Adapters write only under &lt;root&gt;/opt/&lt;service&gt;,
/// &lt;root&gt;/etc/&lt;service&gt;, &lt;root&gt;/lib/systemd/system and the agent's state folder, and throw
/// <see cref="HostSafetyException"/> for anything that would lead elsewhere.
/// </summary>
public interface IHostSystem
{
    /// <summary>
    /// Makes &lt;root&gt;/opt/&lt;service&gt; an exact copy of the source folder, switched in at once (a temporary
    /// folder beside it, then a rename). Unchanged files are not rewritten. False when nothing differed.
    /// </summary>
    Task<bool> InstallSourceAsync(ServiceName service, string sourceFolder, CancellationToken cancellationToken);

    /// <summary>Makes &lt;root&gt;/etc/&lt;service&gt;/ hold exactly these files (secrets mode 0600). False when nothing differed.</summary>
    Task<bool> WriteConfigurationAsync(ServiceName service, IReadOnlyList<ConfigFile> files, CancellationToken cancellationToken);

    /// <summary>Writes &lt;root&gt;/lib/systemd/system/&lt;service&gt;.service. False when it already had this text.</summary>
    Task<bool> WriteUnitFileAsync(ServiceName service, string unitText, CancellationToken cancellationToken);

    Task DaemonReloadAsync(CancellationToken cancellationToken);

    /// <summary>`systemctl enable --now`: enables and starts the unit; leaves a running one running.</summary>
    Task EnableAndStartAsync(ServiceName service, CancellationToken cancellationToken);

    /// <summary>`systemctl reset-failed` then `systemctl restart`, so a failed unit starts again.</summary>
    Task RestartAsync(ServiceName service, CancellationToken cancellationToken);

    /// <summary>`systemctl disable --now`; nothing to do when the unit is unknown.</summary>
    Task StopAndDisableAsync(ServiceName service, CancellationToken cancellationToken);

    /// <summary>Removes the unit file, /opt/&lt;service&gt; and /etc/&lt;service&gt;. Nothing to do when they are gone.</summary>
    Task RemoveFilesAsync(ServiceName service, CancellationToken cancellationToken);

    Task<UnitObservation> ObserveAsync(ServiceName service, CancellationToken cancellationToken);

    /// <summary>
    /// What differs on the host from the installed configuration files and unit text (edited, removed or added by hand):
    /// a short phrase per path, never content; empty when the host holds exactly them.
    /// </summary>
    Task<IReadOnlyList<string>> FindDriftAsync(ServiceName service, IReadOnlyList<ConfigFile> files, string unitText, CancellationToken cancellationToken);

    /// <summary>The last lines of `journalctl -u &lt;unit&gt;`, unmasked: the caller masks secrets.</summary>
    Task<IReadOnlyList<string>> JournalTailAsync(ServiceName service, int lines, CancellationToken cancellationToken);

    /// <summary>Makes the service's NOTRACK rules exactly these ports (none: removes them). False when already so.</summary>
    Task<bool> SetNoTrackPortsAsync(ServiceName service, IReadOnlyList<PortRule> ports, CancellationToken cancellationToken);
}

/// <summary>A write that would leave the agent's folders: a "..", an absolute name, a symlink leading out.</summary>
public sealed class HostSafetyException(string message) : Exception(message);
