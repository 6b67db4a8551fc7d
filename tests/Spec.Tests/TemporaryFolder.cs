namespace Orchestrator.Spec.Tests;

/// <summary>A folder of its own for one test's files, removed afterwards.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "orchestrator-spec-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public FileInfo Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, text);
        return new FileInfo(path);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
