using Orchestrator.Hosting;
using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>The shipped example: README's first command converges it, and a second apply writes nothing.</summary>
[Trait("Category", "EndToEnd")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ExampleSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-example-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);


    [Fact]
    public async Task The_shipped_example_converges_with_every_service_and_node_ready_and_host_units_installed()
    {
        var example = Path.Combine(RepositoryFolder.Path, "deploy", "examples", "openstack.yaml");

        var (exit, json, _) = await OrchestratorProcess.RunAsync(
            ["apply", "-f", example, "--simulate", "-o", "json", "--timeout", "120s"], TimeSpan.FromSeconds(180), _folder);

        Assert.True(exit == 0, $"apply exited {exit}: {json}");
        Assert.Equal("Ready", json.GetProperty("state").GetString());
        var services = json.GetProperty("services").EnumerateArray().ToList();
        Assert.Equal(24, services.Count);
        Assert.All(services, s => Assert.Equal("Ready", s.GetProperty("state").GetString()));
        Assert.All(json.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("Ready", n.GetProperty("state").GetString()));
        // The simulated agent copied the virtualenv and wrote the unit where a real host would have them.
        var compute = Path.Combine(_folder, ".orchestrator", "hosts", "cmp-1");
        Assert.True(File.Exists(Path.Combine(compute, "opt", "nova-compute", "bin", "nova-compute")));
        Assert.True(File.Exists(Path.Combine(compute, "lib", "systemd", "system", "nova-compute.service")));
        Assert.True(File.Exists(Path.Combine(_folder, ".orchestrator", "journal.db")));
    }

    [Fact]
    public async Task The_example_applied_again_to_a_standing_cluster_writes_nothing()
    {
        var example = Path.Combine(RepositoryFolder.Path, "deploy", "examples", "openstack.yaml");
        var loaded = Orchestrator.Messages.Spec.SpecLoader.Load(example);
        // A cluster that outlives the orchestrator's processes, with its node agents, as `orchestrator simulate` runs it.
        await using var cluster = await SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
        {
            Nodes = loaded.Deployment!.Spec.Nodes.Select(n => new SimulatedNodeSpec(n.Name)).ToList(),
        });
        await using var agents = new SimulatedAgents(cluster, Path.Combine(_folder, "hosts"), Path.GetDirectoryName(example)!,
            Serilog.Core.Logger.None, TimeProvider.System);
        var kubeconfig = cluster.WriteKubeconfig(Path.Combine(_folder, "kubeconfig"));
        string[] apply = ["apply", "-f", example, "--kubeconfig", kubeconfig, "-o", "json", "--timeout", "120s"];

        var first = await OrchestratorProcess.RunAsync(apply, TimeSpan.FromSeconds(180), _folder);
        var second = await OrchestratorProcess.RunAsync(apply, TimeSpan.FromSeconds(180), _folder);

        Assert.True(first.ExitCode == 0, $"the first apply exited {first.ExitCode}: {first.Json}");
        Assert.Equal("Ready", first.Json.GetProperty("state").GetString());
        Assert.True(second.ExitCode == 0, $"the second apply exited {second.ExitCode}: {second.Json}");
        Assert.Equal("Ready", second.Json.GetProperty("state").GetString());
        Assert.Equal(0, second.Json.GetProperty("apiWrites").GetInt32());
        // No duplicate creates: a 409 on create is an object made twice (409s on update are agents racing to report).
        Assert.True(cluster.Counters.Answered("create", 409) == 0, $"creates repeated (409): {cluster.Counters.AnsweredWhere("create", 409)}");
    }
}
