using System.Diagnostics;

namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>`orchestrator simulate` as its own process: it serves until stopped and writes a kubeconfig kubectl loads.</summary>
public sealed class SimulateCommandSpecs : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "simulate-command-tests", Guid.NewGuid().ToString("N"));

    public SimulateCommandSpecs() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Executable => Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");

    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task Simulate_serves_the_named_nodes_to_kubectl_until_terminated()
    {
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Executable, "simulate", "--nodes", "2", "--kubeconfig-out", kubeconfig })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        try
        {
            var listening = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var written = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var nodes = await new Kubectl(kubeconfig).Run("get", "nodes", "-o", "name");

            Assert.Matches(@"^listening on http://127\.0\.0\.1:\d+$", listening);
            Assert.Equal($"kubeconfig: {kubeconfig}", written);
            Assert.Equal("node/node-1\nnode/node-2\n", nodes.Out);
        }
        finally
        {
            Process.Start("kill", ["-TERM", process.Id.ToString()]).WaitForExit();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(bound.Token);
        }
        Assert.Equal(143, process.ExitCode); // 128 + SIGTERM: stopped by the signal, gracefully
    }

    [Fact]
    public void Bad_flags_are_refused_with_exit_code_2()
    {
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var code = Cli.CommandLine.Run(["simulate", "--nodes", "0", "--ready-delay", "soon"]);

            Assert.Equal(Cli.ExitCodes.BadInput, code);
            Assert.Contains("--nodes: 0 is not between 1 and 5000", captured.ToString());
            Assert.Contains("--ready-delay: \"soon\" is not a duration", captured.ToString());
        }
        finally
        {
            Console.SetError(error);
        }
    }

    [Fact]
    public void Nodes_from_an_invalid_spec_are_refused_with_exit_code_2()
    {
        var spec = Path.Combine(_directory, "spec.yaml");
        File.WriteAllText(spec, "apiVersion: openstack.orchestrator.io/v1alpha1\nkind: OpenStackDeployment\nspec:\n  nodez: []\n");
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var code = Cli.CommandLine.Run(["simulate", "--nodes-from", spec]);

            Assert.Equal(Cli.ExitCodes.BadInput, code);
            Assert.Contains("--nodes-from spec.yaml:", captured.ToString());
        }
        finally
        {
            Console.SetError(error);
        }
    }

    [Fact]
    public void A_port_already_taken_is_refused_with_exit_code_2_and_names_the_port()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            var code = Cli.CommandLine.Run(["simulate", "--nodes", "1", "--port", taken.ToString(), "--kubeconfig-out", Path.Combine(_directory, "kubeconfig")]);

            Assert.Equal(Cli.ExitCodes.BadInput, code);
            Assert.Contains($"error: --port: 127.0.0.1:{taken} is already in use", captured.ToString());
            Assert.DoesNotContain("   at ", captured.ToString());
        }
        finally
        {
            Console.SetError(error);
        }
    }
}
