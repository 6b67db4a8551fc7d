namespace Orchestrator.Bench.Processes;

/// <summary>
/// How to start this program again as its own process: the apphost beside the assembly (`orchestrator`), or
/// `dotnet orchestrator.dll` where there is none (as in the test output folders).
/// </summary>
public static class OrchestratorExecutable
{
    public static (string FileName, IReadOnlyList<string> Arguments) Command(params string[] arguments)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "orchestrator");
        if (File.Exists(apphost))
            return (apphost, arguments);
        return ("dotnet", [Path.Combine(AppContext.BaseDirectory, "orchestrator.dll"), .. arguments]);
    }

    public static ChildProcess Start(params string[] arguments) => Start(null, null, arguments);

    public static ChildProcess Start(IReadOnlyDictionary<string, string>? environment, string? logFile, params string[] arguments)
    {
        var (fileName, all) = Command(arguments);
        return ChildProcess.Start(fileName, all, environment: environment, logFile: logFile);
    }

    public static Task<(int Exit, string Output, double Seconds, string StandardOutput)> RunAsync(TimeSpan timeout, CancellationToken cancellationToken, params string[] arguments)
    {
        var (fileName, all) = Command(arguments);
        return ChildProcess.RunAsync(fileName, all, timeout, cancellationToken);
    }
}
