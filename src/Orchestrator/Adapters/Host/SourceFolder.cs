using Orchestrator.Actors.Ports;
using Orchestrator.Messages.Spec.Validation;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// Where a host service's `source` really is. The path must pass <see cref="SourcePaths"/> (the spec's own rule),
/// and then the folder and every parent are resolved link by link, as the kernel would: wherever the links lead, the
/// folder reached must lie inside the sources root (the agent's allowed root; the artifacts folder in a simulation).
/// A source that is itself a link, or has a linked parent, pointing outside is refused, as a link inside it already is.
/// The copy then reads the resolved folder, so no link is followed again afterwards.
/// </summary>
public static class SourceFolder
{
    private const int MaxLinks = 40; // as the kernel's ELOOP limit

    /// <summary>The resolved folder of <paramref name="source"/> under <paramref name="sourcesRoot"/>, or a HostSafetyException saying why not.</summary>
    public static string Resolve(string sourcesRoot, string source)
    {
        if (SourcePaths.Problem(source) is { } problem)
            throw new HostSafetyException($"source \"{Printable(source)}\": {problem}");
        var root = RealPath(Path.GetFullPath(sourcesRoot));
        var resolved = RealPath(Path.Join(root, SourcePaths.Normalised(source)));
        var where = root == "/" ? "" : $" under {root}";
        if (resolved == root || !(root == "/" || resolved.StartsWith(root + "/", StringComparison.Ordinal)))
            throw new HostSafetyException($"source \"{source}\": leads through a symlink to {resolved}, outside the sources root{(root == "/" ? " /" : " " + root)}");
        if (File.Exists(resolved))
            throw new HostSafetyException($"source \"{source}\": is a file{where}; it must be a folder");
        if (!Directory.Exists(resolved))
            throw new HostSafetyException($"source \"{source}\": no such folder{where}");
        return resolved;
    }

    /// <summary>
    /// As <see cref="Resolve(string, string)"/>, and the folder reached (links resolved) must lie inside one of
    /// <paramref name="allowedRoots"/>: the folders the agent's DaemonSet names (`--source-root`), so that a HostUnits
    /// object cannot have the agent, which runs as root, copy its container's /etc or a mounted secret into /opt.
    /// </summary>
    public static string Resolve(string sourcesRoot, string source, IReadOnlyList<string> allowedRoots)
    {
        var resolved = Resolve(sourcesRoot, source);
        foreach (var allowed in allowedRoots)
        {
            var real = RealPath(Path.GetFullPath(allowed));
            if (real == "/" || resolved == real || resolved.StartsWith(real + "/", StringComparison.Ordinal))
                return resolved;
        }
        var reached = resolved == SourcePaths.Normalised(source) ? "" : $" (it leads to {resolved})";
        throw new HostSafetyException($"source \"{source}\": outside the agent's source roots{reached}; it may copy from {string.Join(", ", allowedRoots)} only (--source-root)");
    }

    /// <summary>The absolute path with every symlink in it resolved (like realpath(3)); a missing part is kept as it is.</summary>
    public static string RealPath(string path)
    {
        var pending = new List<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending[0];
            pending.RemoveAt(0);
            if (part == ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }
            var candidate = Path.Join(current, part);
            var link = new FileInfo(candidate).LinkTarget;
            if (link is null)
            {
                current = candidate;
                continue;
            }
            if (++links > MaxLinks)
                throw new HostSafetyException($"{candidate}: too many levels of symbolic links");
            if (link.StartsWith('/'))
                current = "/";
            pending.InsertRange(0, link.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        return current;
    }

    private static string Printable(string text) => text.Replace("\0", "\\0", StringComparison.Ordinal);
}
