using Orchestrator.SimulatedCluster;

namespace Orchestrator.Actors.Tests.EndToEnd;

/// <summary>
/// What the process specs run against: a simulated cluster hosted by the test, so that it outlives the `orchestrator`
/// processes it serves (or is taken away while one runs), with the two nodes of EndToEnd/cloud.yaml, and a folder of
/// the test's own for the spec, kubeconfig and journal those processes use.
/// </summary>
public sealed class HostedCluster : IAsyncDisposable
{
    private HostedCluster(SimulatedCluster.SimulatedCluster cluster, string folder)
    {
        Cluster = cluster;
        Folder = folder;
    }

    public SimulatedCluster.SimulatedCluster Cluster { get; }

    public string Folder { get; }

    /// <param name="folderPrefix">How the temporary folder's name starts, so that one left behind says which spec made it.</param>
    public static async Task<HostedCluster> StartAsync(string folderPrefix)
    {
        var folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
        return new HostedCluster(await StartClusterAsync(), folder);
    }

    /// <summary>A cluster with the nodes EndToEnd/cloud.yaml names (node-1 and node-2).</summary>
    public static Task<SimulatedCluster.SimulatedCluster> StartClusterAsync() => SimulatedCluster.SimulatedCluster.StartAsync(new SimulatedClusterOptions
    {
        Nodes = [new SimulatedNodeSpec("node-1"), new SimulatedNodeSpec("node-2")],
    });

    /// <summary>EndToEnd/cloud.yaml copied into the folder as cloud.yaml; returns its path.</summary>
    public string CopySpec()
    {
        var spec = Path.Combine(Folder, "cloud.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "cloud.yaml"), spec, overwrite: true);
        return spec;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
