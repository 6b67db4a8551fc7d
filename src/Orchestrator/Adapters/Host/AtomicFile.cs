using System.Runtime.Versioning;
namespace Orchestrator.Adapters.Host;

/// <summary>
/// Writes a file so that a kill at any moment leaves either the old file or the new one in place, never half
/// of one: a temporary file beside it (created exclusively, so it never opens a planted link), then a rename,
/// which replaces a link at the target instead of following it.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class AtomicFile
{
    public const string TemporaryMarker = ".tmp-";

    /// <summary>A temporary file of a write in progress (or of one a killed run left): not drift.</summary>
    public static bool IsLeftover(string name) => name.StartsWith('.') && name.Contains(TemporaryMarker, StringComparison.Ordinal);

    /// <summary>False when the file already had this content and mode (it is then left untouched).</summary>
    public static bool Write(string folder, string name, byte[] content, UnixFileMode mode)
    {
        var target = Path.Combine(folder, name);
        if (IsSame(target, content, mode))
            return false;
        var temporary = Path.Combine(folder, "." + name + TemporaryMarker + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = mode,
            }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.SetUnixFileMode(temporary, mode); // the umask may have narrowed UnixCreateMode
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
        return true;
    }

    /// <summary>
    /// Removes the temporary files (or folders) a killed run left for one name, or for every name (null) in a
    /// folder the agent owns alone.
    /// </summary>
    public static void RemoveLeftovers(string folder, string? name)
    {
        foreach (var leftover in Directory.EnumerateFileSystemEntries(folder, "." + (name ?? "*") + TemporaryMarker + "*"))
        {
            if (Directory.Exists(leftover) && new FileInfo(leftover).LinkTarget is null)
                Directory.Delete(leftover, recursive: true);
            else
                File.Delete(leftover);
        }
    }

    private static bool IsSame(string target, byte[] content, UnixFileMode mode)
    {
        var info = new FileInfo(target);
        if (!info.Exists || info.LinkTarget is not null || info.Length != content.Length || info.UnixFileMode != mode)
            return false;
        return File.ReadAllBytes(target).AsSpan().SequenceEqual(content);
    }
}
