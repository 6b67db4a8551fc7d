namespace Orchestrator.Bench.Processes;

/// <summary>
/// A fresh `orchestrator simulate` server in a process of its own, with the nodes of a spec, a kubelet readiness
/// delay and no in-process agents: what the bench's value and its baseline each get an identical copy of.
/// </summary>
public sealed class SimulatedClusterProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SimulatedClusterProcess(ChildProcess process, string kubeconfig)
    {
        _process = process;
        Kubeconfig = kubeconfig;
    }

    public string Kubeconfig { get; }

    public static async Task<SimulatedClusterProcess> StartAsync(string specFile, string readyDelay, string kubeconfigPath, CancellationToken cancellationToken)
    {
        var process = OrchestratorExecutable.Start("simulate", "--nodes-from", specFile, "--port", "0", "--ready-delay", readyDelay,
            "--agents", "none", "--kubeconfig-out", kubeconfigPath);
        try
        {
            var kubeconfig = await process.WaitForLineAsync("kubeconfig:", TimeSpan.FromMinutes(1), cancellationToken);
            return new SimulatedClusterProcess(process, kubeconfig);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
