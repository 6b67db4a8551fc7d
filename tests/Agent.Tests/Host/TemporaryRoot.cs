namespace Orchestrator.Agent.Tests.Host;

/// <summary>A throw-away host root (and a place beside it that must never be written), removed afterwards.</summary>
public sealed class TemporaryRoot : IDisposable
{
    public TemporaryRoot()
    {
        Folder = Directory.CreateTempSubdirectory("agent-root-").FullName;
        Root = Path.Combine(Folder, "root");
        Outside = Path.Combine(Folder, "outside");
        Directory.CreateDirectory(Path.Combine(Root, "usr", "lib", "systemd", "system"));
        File.CreateSymbolicLink(Path.Combine(Root, "lib"), "usr/lib");
        Directory.CreateDirectory(Path.Combine(Root, "etc"));
        Directory.CreateDirectory(Outside);
    }

    public string Folder { get; }
    public string Root { get; }

    /// <summary>A folder outside the root: every test checks it stays empty.</summary>
    public string Outside { get; }

    public string In(params string[] parts) => Path.Combine([Root, .. parts]);

    public IReadOnlyList<string> WrittenOutside() => Directory.EnumerateFileSystemEntries(Outside, "*", SearchOption.AllDirectories).ToList();

    public string Source(params (string Name, string Content)[] files)
    {
        var source = Path.Combine(Folder, "source-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(source);
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(source, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        return source;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
