namespace Orchestrator.Hosting;

/// <summary>
/// The HOCON file of Akka's settings. It ships beside the executable (akka.hocon); an operator replaces it with
/// `--akka-config PATH` or the environment variable <see cref="EnvironmentVariable"/> (the flag wins).
/// </summary>
public static class AkkaConfigFile
{
    public const string EnvironmentVariable = "ORCHESTRATOR_AKKA_CONFIG";
    public const string FileName = "akka.hocon";

    public static (string? Text, string? Error) Read(string? flag)
    {
        var path = flag ?? Environment.GetEnvironmentVariable(EnvironmentVariable) ?? Path.Combine(AppContext.BaseDirectory, FileName);
        var origin = flag is not null ? "--akka-config" : Environment.GetEnvironmentVariable(EnvironmentVariable) is not null ? EnvironmentVariable : "the shipped akka.hocon";
        try
        {
            return (File.ReadAllText(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"{origin}: cannot read {path}: {e.Message}");
        }
    }
}
