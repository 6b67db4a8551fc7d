using System.Runtime.Versioning;
using Orchestrator.Actors.Agent;
using Orchestrator.Actors.Ports;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// Copies a service's source folder (its virtualenv) to &lt;root&gt;/opt/&lt;service&gt;: a complete new tree is
/// built in a temporary folder beside it, with unchanged files hard-linked rather than rewritten, and then
/// exchanged with the old tree in one rename, so the service never sees half of an update.
/// A source is an absolute path in the agent's own filesystem: the agent container's `/` on a real node, and in a
/// simulation (which has no container image) the folder given as <paramref name="sourceRoot"/>. The folder and its
/// parents are resolved by <see cref="SourceFolder"/>; a file with several hard links is copied as content, never
/// linked, so the copy in /opt shares no inode with the source.
/// </summary>
[SupportedOSPlatform("linux")]
/// <param name="allowedRoots">The folders the agent may copy from (its `--source-root`s); null: anywhere under the sources root.</param>
public sealed class SourceCopy(HostRoot root, string sourceRoot = "/", IReadOnlyList<string>? allowedRoots = null)
{
    public bool Install(ServiceName service, string sourceFolder)
    {
        var source = CheckedSource(sourceFolder);
        var target = root.ServiceFolder("opt", service, create: true)!;
        var parent = Path.GetDirectoryName(target)!;
        AtomicFile.RemoveLeftovers(parent, service.Value);

        var entries = Entries(source);
        if (Directory.Exists(target) && Matches(target, entries))
            return false;

        var temporary = Path.Combine(parent, "." + service.Value + AtomicFile.TemporaryMarker + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(temporary);
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(source));
            foreach (var entry in entries)
                Place(entry, target, temporary);
            if (Directory.Exists(target))
                NativeFileSystem.Exchange(temporary, target); // the old tree is now at the temporary name
            else
                Directory.Move(temporary, target);
        }
        finally
        {
            if (Directory.Exists(temporary))
                Directory.Delete(temporary, recursive: true);
        }
        return true;
    }

    private sealed record Entry(string Relative, string Full, EntryKind Kind, string? LinkTarget);

    private enum EntryKind
    {
        Folder,
        File,
        Link,
    }

    /// <summary>The source's real folder, by the one rule of validation and links resolved inside the sources root.</summary>
    private string CheckedSource(string sourceFolder) => allowedRoots is null
        ? SourceFolder.Resolve(sourceRoot, sourceFolder)
        : SourceFolder.Resolve(sourceRoot, sourceFolder, allowedRoots);

    /// <summary>The source tree, read without following links; a link must stay inside the service's folder.</summary>
    private static List<Entry> Entries(string source)
    {
        var entries = new List<Entry>();
        var pending = new Stack<string>([source]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var full in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(source, full);
                var info = new FileInfo(full);
                if (info.LinkTarget is { } link)
                {
                    var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, link));
                    if (Path.IsPathRooted(link) || !resolved.StartsWith(source + "/", StringComparison.Ordinal))
                        throw new HostSafetyException($"source {relative}: symlink to \"{link}\" leads out of the service's folder");
                    entries.Add(new Entry(relative, full, EntryKind.Link, link));
                }
                else if (Directory.Exists(full))
                {
                    entries.Add(new Entry(relative, full, EntryKind.Folder, null));
                    pending.Push(full);
                }
                else if (info.Exists)
                    entries.Add(new Entry(relative, full, EntryKind.File, null));
                else
                    throw new HostSafetyException($"source {relative}: neither a file, a folder nor a link");
            }
        }
        return entries;
    }

    private static bool Matches(string target, List<Entry> entries)
    {
        var present = Directory.EnumerateFileSystemEntries(target, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(full => Path.GetRelativePath(target, full))
            .ToHashSet(StringComparer.Ordinal);
        return present.SetEquals(entries.Select(entry => entry.Relative)) &&
            entries.All(entry => SameEntry(entry, Path.Combine(target, entry.Relative)));
    }

    private static bool SameEntry(Entry entry, string existing)
    {
        var info = new FileInfo(existing);
        return entry.Kind switch
        {
            EntryKind.Link => info.LinkTarget == entry.LinkTarget,
            EntryKind.Folder => info.LinkTarget is null && Directory.Exists(existing) &&
                File.GetUnixFileMode(existing) == File.GetUnixFileMode(entry.Full),
            _ => info.LinkTarget is null && info.Exists && info.UnixFileMode == File.GetUnixFileMode(entry.Full) &&
                info.Length == new FileInfo(entry.Full).Length &&
                File.ReadAllBytes(existing).AsSpan().SequenceEqual(File.ReadAllBytes(entry.Full)),
        };
    }

    private static void Place(Entry entry, string target, string temporary)
    {
        var destination = Path.Combine(temporary, entry.Relative);
        switch (entry.Kind)
        {
            case EntryKind.Folder:
                Directory.CreateDirectory(destination);
                File.SetUnixFileMode(destination, File.GetUnixFileMode(entry.Full));
                break;
            case EntryKind.Link:
                File.CreateSymbolicLink(destination, entry.LinkTarget!);
                break;
            default:
                var existing = Path.Combine(target, entry.Relative);
                if (SameEntry(entry, existing))
                    NativeFileSystem.HardLink(existing, destination);
                else
                {
                    File.Copy(entry.Full, destination);
                    File.SetUnixFileMode(destination, File.GetUnixFileMode(entry.Full));
                }
                break;
        }
    }
}
