using Orchestrator.Actors.Rendering;
using Orchestrator.Messages.Spec;

namespace Orchestrator.Rendering.Tests;

/// <summary>The repository's example spec and the fixed inputs that make its rendering repeatable in tests.</summary>
public static class ExampleDeployment
{
    /// <summary>The instant the tests render at: inside the validity of the stored golden certificate.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static readonly TimeProvider Clock = new FixedClock(Now);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SpecPath => Path.Combine(RepositoryRoot, "deploy", "examples", "openstack.yaml");

    public static string GoldenDirectory => Path.Combine(RepositoryRoot, "tests", "Rendering.Tests", "golden");

    /// <summary>True when the golden files should be rewritten from the code (UPDATE_GOLDEN=1) instead of compared.</summary>
    public static bool UpdateGolden => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static OpenStackDeployment Load()
    {
        var result = SpecLoader.Load(SpecPath);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Deployment!;
    }

    /// <summary>
    /// A test-only certificate and key for *.cloud.example.com, stored beside the golden files so that the golden
    /// rendering includes a stable TLS Secret. It protects nothing.
    /// </summary>
    public static TlsMaterial GoldenTls()
    {
        var path = Path.Combine(GoldenDirectory, "tls.pem");
        if (!File.Exists(path) && UpdateGolden)
        {
            var made = WildcardCertificate.Create(Load().Spec.Domain, Now);
            File.WriteAllText(path, made.CertificatePem + "\n" + made.PrivateKeyPem + "\n");
        }
        var text = File.ReadAllText(path);
        var certificateEnd = text.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + "-----END CERTIFICATE-----".Length;
        return new TlsMaterial(text[..certificateEnd].Trim(), text[certificateEnd..].Trim());
    }

    /// <summary>A fixed, test-only hash key, so that the golden rendering's keyed hashes are stable. It protects nothing.</summary>
    public static readonly HashKey GoldenKey = HashKey.FromBytes(System.Text.Encoding.ASCII.GetBytes("golden-test-hash-key-protects-nothing!"));

    public static RenderedDeployment Render(OpenStackDeployment? deployment = null) =>
        DesiredStateRenderer.Render(deployment ?? Load(), GoldenTls(), Clock, GoldenKey);

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Orchestrator.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Orchestrator.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
