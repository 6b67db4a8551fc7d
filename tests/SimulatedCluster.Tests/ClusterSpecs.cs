namespace Orchestrator.SimulatedCluster.Tests;

/// <summary>A simulated cluster for one test class, with a kubeconfig in a fresh directory.</summary>
public abstract class ClusterSpecs(SimulatedClusterOptions? options = null) : IAsyncLifetime
{
    protected SimulatedCluster Cluster { get; private set; } = null!;
    protected string Directory { get; } = Path.Combine(Path.GetTempPath(), "simulated-cluster-tests", Guid.NewGuid().ToString("N"));
    protected string KubeconfigPath => Path.Combine(Directory, "kubeconfig");
    protected Kubectl Kubectl => new(KubeconfigPath);

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Cluster = await SimulatedCluster.StartAsync(options ?? new SimulatedClusterOptions { ReadyDelay = TimeSpan.FromMilliseconds(20) });
        Cluster.WriteKubeconfig(KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    protected string WriteFile(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
