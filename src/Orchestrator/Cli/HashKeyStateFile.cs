namespace Orchestrator.Cli;

/// <summary>
/// Where `render` keeps the hash key it made for a namespace (&lt;state-dir&gt;/hash-key/&lt;namespace&gt;.key, raw bytes, mode
/// 0600), so that the next render prints the same hashes, as it keeps generated TLS material. `apply` and `run` read
/// the key back from the cluster's Secret instead.
/// </summary>
public sealed class HashKeyStateFile(DirectoryInfo stateDirectory)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    private string PathOf(string @namespace) =>
        Path.Combine(stateDirectory.FullName, "hash-key",
            @namespace.Length > 0 && @namespace.IndexOfAny(['/', '\\', '.']) < 0 ? @namespace + ".key"
                : throw new ArgumentException($"'{@namespace}' is not a plain name", nameof(@namespace)));

    /// <summary>The stored key, or null when there is none (or it is too short to be one).</summary>
    public Actors.Rendering.HashKey? Read(string @namespace)
    {
        var path = PathOf(@namespace);
        if (!File.Exists(path))
            return null;
        var bytes = File.ReadAllBytes(path);
        return Actors.Rendering.HashKey.FromSecretData(new Dictionary<string, byte[]> { [Actors.Rendering.HashKey.DataKey] = bytes });
    }

    /// <summary>Stores the key unless the same is already there; the file and its folder are closed to other users.</summary>
    public void Write(string @namespace, Actors.Rendering.HashKey key)
    {
        if (Read(@namespace) is { } stored && stored.Equals(key))
            return;
        var path = PathOf(@namespace);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnlyFile;
        using (var file = new FileStream(path, options))
            file.Write(key.ToBytes());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, OwnerOnlyFile);
    }
}
