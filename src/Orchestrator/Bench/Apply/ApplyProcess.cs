using Orchestrator.Bench.Processes;
using Orchestrator.Cli;

namespace Orchestrator.Bench.Apply;

/// <summary>`orchestrator apply -f SPEC --kubeconfig K --journal J -o json` as a process of its own, until Ready.</summary>
public static class ApplyProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <param name="limit">How long apply may wait for Ready (its --timeout; 5 minutes unless given): a fleet of 10,000 nodes needs longer.</param>
    public static async Task<ApplyStages> RunAsync(string spec, string kubeconfig, string journalFile, CancellationToken cancellationToken, TimeSpan? limit = null)
    {
        var wait = limit ?? TimeSpan.FromMinutes(5);
        var (exit, output, seconds, result) = await OrchestratorExecutable.RunAsync(wait + (Timeout - TimeSpan.FromMinutes(5)), cancellationToken, "apply", "-f", spec,
            "--kubeconfig", kubeconfig, "--journal", "sqlite:" + journalFile, "-o", "json", "--timeout", $"{(int)Math.Ceiling(wait.TotalMinutes)}m");
        if (exit != ExitCodes.Ok)
        {
            // The first exception line says what ended it; the tail says where it stood.
            var exception = output.Split('\n').FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal) && !l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
            throw new InvalidOperationException($"our apply exited {exit}{(exception is null ? "" : ": " + exception.Trim())}; "
                + $"its last output: {(output.Length > 400 ? "..." + output[^400..] : output)}");
        }
        return ApplyStages.Read(seconds, output, result);
    }
}
