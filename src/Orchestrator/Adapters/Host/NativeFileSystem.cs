using System.Runtime.Versioning;
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Orchestrator.Adapters.Host;

/// <summary>
/// The two Linux calls .NET does not offer: an atomic exchange of two folders (renameat2 RENAME_EXCHANGE), so
/// /opt/&lt;service&gt; is switched in one step, and a hard link, so an unchanged file keeps its inode.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class NativeFileSystem
{
    private const int CurrentFolder = -100; // AT_FDCWD
    private const uint RenameExchange = 2; // RENAME_EXCHANGE

    public static void Exchange(string first, string second)
    {
        if (renameat2(CurrentFolder, first, CurrentFolder, second, RenameExchange) != 0)
            throw new IOException($"cannot exchange {first} and {second}", new Win32Exception(Marshal.GetLastWin32Error()));
    }

    public static void HardLink(string existing, string newPath)
    {
        if (link(existing, newPath) != 0)
            throw new IOException($"cannot link {newPath}", new Win32Exception(Marshal.GetLastWin32Error()));
    }

#pragma warning disable SYSLIB1054 // plain DllImport keeps the project free of unsafe code
    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int oldFolder, string oldPath, int newFolder, string newPath, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int link(string oldPath, string newPath);
#pragma warning restore SYSLIB1054
}
