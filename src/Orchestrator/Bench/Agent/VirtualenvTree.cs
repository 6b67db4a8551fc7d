using System.Text;

namespace Orchestrator.Bench.Agent;

/// <summary>
/// A generated tree shaped like a service's Python virtualenv: thousands of small modules in nested packages, a few
/// large shared libraries, executable scripts and relative symbolic links in bin/. The content is pseudo-random from
/// a fixed seed, so every run copies the same bytes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class VirtualenvTree
{
    /// <summary>Writes the tree under <paramref name="root"/> and returns its file count and bytes.</summary>
    public static (int Files, long Bytes) Write(string root, long totalBytes)
    {
        var random = new Random(13);
        var bin = Directory.CreateDirectory(Path.Combine(root, "bin")).FullName;
        var sitePackages = Directory.CreateDirectory(Path.Combine(root, "lib", "python3.12", "site-packages")).FullName;
        var files = 0;
        long bytes = 0;

        void WriteFile(string path, int size, UnixFileMode mode)
        {
            var content = new byte[size];
            random.NextBytes(content);
            File.WriteAllBytes(path, content);
            File.SetUnixFileMode(path, mode);
            files++;
            bytes += size;
        }

        const UnixFileMode regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode executable = regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

        // A few large compiled libraries: about a third of the bytes.
        var large = totalBytes / 3;
        for (var i = 0; i < 4; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(sitePackages, $"native{i}", "_libs")).FullName;
            WriteFile(Path.Combine(folder, $"_core{i}.cpython-312-x86_64-linux-gnu.so"), (int)(large / 4), executable);
        }
        for (var i = 0; i < 8; i++)
        {
            File.WriteAllText(Path.Combine(bin, $"service-tool-{i}"), "#!/opt/service/bin/python3\nimport sys\nsys.exit(0)\n", Encoding.UTF8);
            File.SetUnixFileMode(Path.Combine(bin, $"service-tool-{i}"), executable);
            files++;
        }
        WriteFile(Path.Combine(bin, "python3.12"), 16_384, executable);
        File.CreateSymbolicLink(Path.Combine(bin, "python3"), "python3.12");
        File.CreateSymbolicLink(Path.Combine(bin, "python"), "python3");

        // The rest in small modules (1-16 KiB), 40 per package, packages two levels deep.
        var package = 0;
        while (bytes < totalBytes)
        {
            var folder = Directory.CreateDirectory(Path.Combine(sitePackages, $"pkg{package / 10}", $"sub{package % 10}")).FullName;
            for (var i = 0; i < 40 && bytes < totalBytes; i++)
                WriteFile(Path.Combine(folder, $"module{i}.py"), random.Next(1_024, 16_384), regular);
            package++;
        }
        return (files, bytes);
    }
}
