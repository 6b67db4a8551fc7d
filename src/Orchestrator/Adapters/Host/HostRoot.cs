using System.Runtime.Versioning;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// The host's root folder and the only way the agent finds a folder under it. Every component is checked
/// after resolving: a symlink is refused, except the merged-/usr links of the root itself (lib -> usr/lib,
/// bin -> usr/bin, ...), which are followed the way the chroot would and must stay inside the root. A
/// pre-planted link at &lt;root&gt;/opt or &lt;root&gt;/etc/&lt;service&gt; therefore stops the agent instead of
/// redirecting its writes.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostRoot
{
    private static readonly string[] MergedUsrLinks = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];

    public HostRoot(string path)
    {
        if (!System.IO.Path.IsPathFullyQualified(path))
            throw new HostSafetyException($"host root \"{path}\": must be an absolute path");
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        if (!Directory.Exists(full))
            throw new HostSafetyException($"host root \"{path}\": no such folder");
        // The operator names the root; a link there (e.g. /host -> /mnt/host) is theirs to make, so resolve it once.
        Path = new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }

    public string Path { get; }

    /// <summary>The agent's own state folder, &lt;root&gt;/var/lib/orchestrator-agent.</summary>
    public string StateFolder() => SystemFolder("var/lib/orchestrator-agent", create: true)!;

    /// <summary>&lt;root&gt;/lib/systemd/system, where unit files go.</summary>
    public string? UnitFolder(bool create) => SystemFolder("lib/systemd/system", create);

    /// <summary>
    /// &lt;root&gt;/&lt;parent&gt;/&lt;service&gt; (parent "opt" or "etc"): the parent resolved safely, the service folder
    /// itself never a link. Null when the parent does not exist and create is false.
    /// </summary>
    public string? ServiceFolder(string parent, ServiceName service, bool create)
    {
        var parentFolder = SystemFolder(parent, create);
        if (parentFolder is null)
            return null;
        var folder = System.IO.Path.Combine(parentFolder, service.Value);
        RefuseLink(folder, $"{parent}/{service}");
        return folder;
    }

    /// <summary>Resolves a fixed relative folder under the root, creating missing parts when asked.</summary>
    public string? SystemFolder(string relative, bool create)
    {
        var current = Path;
        var shown = "";
        foreach (var part in relative.Split('/'))
        {
            shown = shown.Length == 0 ? part : shown + "/" + part;
            var candidate = System.IO.Path.Combine(current, part);
            var link = new FileInfo(candidate).LinkTarget;
            if (link is not null)
                candidate = FollowMergedUsrLink(current, part, link, shown);
            else if (File.Exists(candidate))
                throw new HostSafetyException($"{shown}: is a file where a folder is expected");
            else if (!Directory.Exists(candidate))
            {
                if (!create)
                    return null;
                Directory.CreateDirectory(candidate);
            }
            current = candidate;
        }
        return current;
    }

    /// <summary>Refuses a path that is a symlink (dangling or not): the agent never writes or deletes through one.</summary>
    public static void RefuseLink(string path, string shown)
    {
        if (new FileInfo(path).LinkTarget is not null)
            throw new HostSafetyException($"{shown}: is a symlink; the agent does not write through links");
    }

    private string FollowMergedUsrLink(string current, string part, string link, string shown)
    {
        // Resolved as the chroot sees it: an absolute target starts at the root, never at the agent's own "/".
        var expected = System.IO.Path.Combine(Path, "usr", part);
        var resolved = System.IO.Path.GetFullPath(link.StartsWith('/') ? Path + link : System.IO.Path.Combine(current, link));
        if (current != Path || !MergedUsrLinks.Contains(part) || resolved != expected)
            throw new HostSafetyException($"{shown}: is a symlink to \"{link}\"; only the root's merged-/usr links are followed");
        if (new FileInfo(System.IO.Path.Combine(Path, "usr")).LinkTarget is not null || new FileInfo(expected).LinkTarget is not null)
            throw new HostSafetyException($"{shown}: leads through another symlink");
        if (!Directory.Exists(expected))
            throw new HostSafetyException($"{shown}: links to a missing folder");
        return expected;
    }
}
