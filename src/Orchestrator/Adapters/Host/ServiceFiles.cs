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

    /// <summary>
    /// What of the service's installed files differs on the host from these files and this unit text: each a short
    /// phrase naming the path ("etc/nova/nova.conf edited", "... removed", "... added"), never content. A link where a
    /// file should be counts as edited: the agent writes files, never links.
    /// </summary>
    public IReadOnlyList<string> Drift(ServiceName service, IReadOnlyList<ConfigFile> files, string unitText)
    {
        var drift = new List<string>();
        var folder = root.ServiceFolder("etc", service, create: false);
        if (folder is null || !Directory.Exists(folder))
            drift.Add($"etc/{service}/ removed");
        else
        {
            foreach (var file in files)
            {
                var path = Path.Combine(folder, file.Name);
                var info = new FileInfo(path);
                if (info.LinkTarget is null && !info.Exists)
                    drift.Add($"etc/{service}/{file.Name} removed");
                else if (info.LinkTarget is not null || !File.ReadAllBytes(path).AsSpan().SequenceEqual(file.Content))
                    drift.Add($"etc/{service}/{file.Name} edited");
            }
            var wanted = files.Select(file => file.Name).ToHashSet(StringComparer.Ordinal);
            drift.AddRange(Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName)
                .Where(name => name is not null && !wanted.Contains(name) && !AtomicFile.IsLeftover(name))
                .Order(StringComparer.Ordinal)
                .Select(name => $"etc/{service}/{name} added"));
        }
        var unitFolder = root.UnitFolder(create: false);
        var unitFile = unitFolder is null ? null : Path.Combine(unitFolder, service.UnitName);
        if (unitFile is null || (new FileInfo(unitFile).LinkTarget is null && !File.Exists(unitFile)))
            drift.Add($"lib/systemd/system/{service.UnitName} removed");
        else if (new FileInfo(unitFile).LinkTarget is not null || !File.ReadAllBytes(unitFile).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(unitText)))
            drift.Add($"lib/systemd/system/{service.UnitName} edited");
        return drift;
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
