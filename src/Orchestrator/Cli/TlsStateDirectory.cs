using System.Security.Cryptography;
using System.Text;
using Orchestrator.Actors.Rendering;

namespace Orchestrator.Cli;

/// <summary>
/// Where `render` keeps the TLS material it generated, so the next render prints the same key and certificate:
/// one PEM file (certificate, then private key) per namespace and Secret name under &lt;state-dir&gt;/tls/,
/// readable by its owner only. `apply` reads the material back from the cluster Secret instead.
/// </summary>
public sealed class TlsStateDirectory(DirectoryInfo stateDirectory)
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    public string PathOf(string @namespace, string secretName) =>
        Path.Combine(stateDirectory.FullName, "tls", PlainName(@namespace), PlainName(secretName) + ".pem");

    /// <summary>The stored material, or null when there is none or it cannot be read as a certificate and key.</summary>
    public TlsMaterial? Read(string @namespace, string secretName)
    {
        var path = PathOf(@namespace, secretName);
        if (!File.Exists(path))
            return null;
        var text = File.ReadAllText(path);
        var certificate = FindPem(text, "CERTIFICATE");
        var key = FindPem(text, "PRIVATE KEY");
        return certificate is null || key is null ? null : new TlsMaterial(certificate, key);
    }

    /// <summary>Stores the material unless the same is already there; creates the file with mode 0600.</summary>
    public void Write(string @namespace, string secretName, TlsMaterial material)
    {
        if (Read(@namespace, secretName) == material)
            return;
        var path = PathOf(@namespace, secretName);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            // Both levels we own (tls/ and the namespace's folder) are closed to other users.
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
            File.SetUnixFileMode(Path.GetDirectoryName(directory)!, OwnerOnlyDirectory);
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerOnlyFile;
        using (var file = new FileStream(path, options))
        using (var writer = new StreamWriter(file, new UTF8Encoding(false)))
            writer.Write(Pem(material.CertificatePem) + Pem(material.PrivateKeyPem));
        // UnixCreateMode applies only to a new file; an older file keeps its mode unless set again.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, OwnerOnlyFile);
    }

    private static string Pem(string block) => block.TrimEnd('\n') + "\n";

    private static string? FindPem(string text, string label)
    {
        var remaining = text.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            if (remaining[fields.Label].SequenceEqual(label))
                return remaining[fields.Location].ToString();
            remaining = remaining[fields.Location.End..];
        }
        return null;
    }

    /// <summary>Namespace and Secret names are validated DNS labels; this refuses anything that could leave the folder.</summary>
    private static string PlainName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\']) < 0
            ? name
            : throw new ArgumentException($"'{name}' is not a plain name", nameof(name));
}
