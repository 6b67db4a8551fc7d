using System.Runtime.Versioning;
using System.Text;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// A service's files on the host: its configuration in /etc/&lt;service&gt;/, its unit file, and their removal.
/// The same code serves the real host and the simulated one; only the root differs.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ServiceFiles(HostRoot root)
{
    private const UnixFileMode ConfigMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = ConfigMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public bool WriteConfiguration(ServiceName service, IReadOnlyList<ConfigFile> files)
    {
        foreach (var file in files)
        {
            if (!ConfigFile.IsPlainFileName(file.Name))
                throw new HostSafetyException($"etc/{service}/{file.Name}: not a plain file name (no folders, \"..\" or leading dot)");
        }
        var duplicate = files.GroupBy(file => file.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new HostSafetyException($"etc/{service}/{duplicate.Key}: named by both the ConfigMap and the Secret");

        var folder = root.ServiceFolder("etc", service, create: true)!;
        var changed = false;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
            changed = true;
        }
        AtomicFile.RemoveLeftovers(folder, name: null);
        foreach (var file in files)
            changed |= AtomicFile.Write(folder, file.Name, file.Content, file.Secret ? SecretMode : ConfigMode);

        // The folder is the service's alone: a key gone from the ConfigMap is a file gone from the host.
        var wanted = files.Select(file => file.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFileSystemEntries(folder).Where(entry => !wanted.Contains(Path.GetFileName(entry))))
        {
            RemoveEntry(stale);
            changed = true;
        }
        return changed;
    }

    public bool WriteUnitFile(ServiceName service, string unitText)
    {
        var folder = root.UnitFolder(create: true)!;
        AtomicFile.RemoveLeftovers(folder, service.UnitName);
        return AtomicFile.Write(folder, service.UnitName, Encoding.UTF8.GetBytes(unitText), ConfigMode);
    }

    public void Remove(ServiceName service)
    {
        var unitFolder = root.UnitFolder(create: false);
        if (unitFolder is not null)
        {
            AtomicFile.RemoveLeftovers(unitFolder, service.UnitName);
            var unitFile = Path.Combine(unitFolder, service.UnitName);
            if (File.Exists(unitFile) || new FileInfo(unitFile).LinkTarget is not null)
                File.Delete(unitFile);
        }
        foreach (var parent in new[] { "opt", "etc" })
        {
            var folder = root.ServiceFolder(parent, service, create: false);
            if (folder is null)
                continue;
            AtomicFile.RemoveLeftovers(Path.GetDirectoryName(folder)!, service.Value);
            RemoveEntry(folder);
        }
    }

    /// <summary>Deletes a file, a link (the link itself, never what it points to) or a folder tree.</summary>
    internal static void RemoveEntry(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists)
            File.Delete(path);
        else if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
    }
}
