using System.Diagnostics;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>The real kubectl, run as an operator runs it: an argument list (never a shell) and a kubeconfig.</summary>
public sealed class Kubectl(string kubeconfig)
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
    }

    public async Task<Result> Run(params string[] args) => await Run(args, TimeSpan.FromSeconds(60));

    public async Task<Result> Run(IReadOnlyList<string> args, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in {timeout}: {await stdout} {await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (get -w); the caller reads its output and kills it.</summary>
    public Process Start(params string[] args) => Process.Start(StartInfo(args))!;

    private ProcessStartInfo StartInfo(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["KUBECONFIG"] = kubeconfig;
        // A cache per kubeconfig keeps one test's discovery from leaking into another cluster on a reused port.
        info.Environment["KUBECACHEDIR"] = Path.Combine(Path.GetDirectoryName(kubeconfig)!, "kubecache");
        return info;
    }
}
