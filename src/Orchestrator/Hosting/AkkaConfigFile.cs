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
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"{origin}: cannot read {path}: {e.Message}");
        }
        // Parsed here, once: a file that is not HOCON would otherwise be taken without a word, or fail deep inside Akka.
        return HoconProblem(text) is { } problem ? (null, $"{origin}: {path} is not HOCON: {problem}") : (text, null);
    }

    private static string? HoconProblem(string text)
    {
        if (text.Contains('\0'))
            return "it holds NUL bytes (a binary file?)";
        if (HoconShape.Problem(text) is { } shape)
            return shape;
        try
        {
            Akka.Configuration.ConfigurationFactory.ParseString(text);
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return e.Message.ReplaceLineEndings(" ").Trim();
        }
    }
}
