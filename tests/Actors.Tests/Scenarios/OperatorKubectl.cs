using System.Diagnostics;

namespace Orchestrator.Actors.Tests.Scenarios;

/// <summary>The real kubectl, as an operator runs it against the simulated cluster: an argument list, never a shell.</summary>
public sealed class OperatorKubectl(string kubeconfig)
{
    public Task<string> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>`kubectl edit` as an operator does it, with <paramref name="editor"/> (an executable file, given the object's YAML file) as the editor.</summary>
    public Task<string> EditAsync(string editor, params string[] args) => RunAsync(editor, ["edit", .. args]);

    private async Task<string> RunAsync(string? editor, string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (editor is not null)
            start.Environment["KUBE_EDITOR"] = editor;
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["KUBECACHEDIR"] = Path.Combine(Path.GetDirectoryName(kubeconfig)!, "kubecache");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"kubectl {string.Join(' ', args)} exited {process.ExitCode}: {await error}");
        return await output;
    }
}
