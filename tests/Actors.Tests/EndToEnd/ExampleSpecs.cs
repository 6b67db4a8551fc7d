namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>README's first command: the shipped example converges on an in-process simulated cluster.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ExampleSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrator-example-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Repository()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Orchestrator.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
    }

    [Fact]
    public async Task The_shipped_example_converges_with_every_service_and_node_ready_and_host_units_installed()
    {
        var example = Path.Combine(Repository(), "deploy", "examples", "openstack.yaml");

        var (exit, json, _) = await OrchestratorProcess.RunAsync(
            ["apply", "-f", example, "--simulate", "-o", "json", "--timeout", "120s"], TimeSpan.FromSeconds(180), _folder);

        Assert.Equal(0, exit);
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
}
