using Orchestrator.Bench.Processes;
using Orchestrator.Cli;

namespace Orchestrator.Bench.Apply;

/// <summary>`orchestrator apply -f SPEC --kubeconfig K --journal J -o json` as a process of its own, until Ready.</summary>
public static class ApplyProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static async Task<ApplyStages> RunAsync(string spec, string kubeconfig, string journalFile, CancellationToken cancellationToken)
    {
        var (exit, output, seconds, result) = await OrchestratorExecutable.RunAsync(Timeout, cancellationToken, "apply", "-f", spec, "--kubeconfig", kubeconfig,
            "--journal", "sqlite:" + journalFile, "-o", "json", "--timeout", "5m");
        if (exit != ExitCodes.Ok)
            throw new InvalidOperationException($"our apply exited {exit}: {(output.Length > 800 ? "..." + output[^800..] : output)}");
        return ApplyStages.Read(seconds, output, result);
    }
}
