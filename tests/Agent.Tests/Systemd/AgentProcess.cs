using System.Collections.Concurrent;
using System.Diagnostics;

namespace Orchestrator.Agent.Tests.Systemd;

/// <summary>
/// A real `orchestrator agent` process, run as the DaemonSet runs it: in the host's PID namespace (here the
/// container's, through nsenter) and in the host's network namespace (here one the test made, so its NOTRACK
/// rules never touch the machine's tables). Kill is kill -9.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AgentProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => { if (line.Data is not null) _output.Enqueue(line.Data); };
        _process.ErrorDataReceived += (_, line) => { if (line.Data is not null) _output.Enqueue(line.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    public static AgentProcess Start(SystemdContainer container, NetworkNamespace network, string node, string kubeconfig)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");
        string[] command =
        [
            .. network.Prefix, .. container.InContainer(),
            "dotnet", executable, "agent", "--node", node, "--host-root", container.Root, "--kubeconfig", kubeconfig,
            "--poll-interval", "00:00:00.300",
            // The demo service's source lies beside the container's root (DemoService.Source), not under /artifacts.
            "--source-root", Path.GetFullPath(Path.Combine(container.Root, "..", "demo-source")),
        ];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument);
        return new AgentProcess(Process.Start(start)!);
    }

    /// <summary>SIGKILL to the agent and the namespace wrappers around it: no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
